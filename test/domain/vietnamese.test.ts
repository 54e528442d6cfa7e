import { foldForMatching, stripDiacritics } from '../../src/domain/vietnamese';

it('strips diacritics and đ, keeping case, as every matcher needs', () => {
  expect(stripDiacritics('Đảng ủy phường Hồng An')).toBe('Dang uy phuong Hong An');
  expect(stripDiacritics('Thứ Hai')).toBe('Thu Hai');
});

it('folds typed words for matching, whatever the case, accents, spaces or punctuation around them', () => {
  for (const typed of ['Có', 'có', 'co', 'CÓ.', '«có»', ' có! ', '"Có"'])
    expect(foldForMatching(typed)).toBe('co');
  expect(foldForMatching('Tạm   dừng')).toBe('tam dung');
  expect(foldForMatching('sửa 5')).toBe('sua 5');
});
