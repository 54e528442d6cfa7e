import { foldVietnamese, parseTypedCommand, phraseIndex } from '../../src/conversation/typed-commands';

describe('typed commands', () => {
  test.each([
    ['baocao', 'baocao', ''],
    ['/baocao', 'baocao', ''],
    ['Báo cáo', 'baocao', ''],
    ['  BÁO   CÁO. ', 'baocao', ''],
    ['bao cao', 'baocao', ''],
    ['xem', 'xem', ''],
    ['Xem lại', 'xem', ''],
    ['nộp', 'nop', ''],
    ['/Nộp', 'nop', ''],
    ['Nộp báo cáo', 'nop', ''],
    ['tạm dừng', 'tamdung', ''],
    ['tamdung', 'tamdung', ''],
    ['Trợ giúp', 'trogiup', ''],
    ['hướng dẫn', 'trogiup', ''],
    ['sua', 'sua', ''],
    ['sua 5', 'sua', '5'],
    ['/sửa 12', 'sua', '12'],
    ['Sửa câu 3', 'sua', '3'],
    ['sua5', 'sua', '5'],
    ['tình hình', 'tinhhinh', ''],
    ['yêu cầu', 'yeucau', ''],
    ['nhắc', 'nhac', ''],
    ['xuất', 'xuat', ''],
    ['Đơn vị', 'donvi', ''],
  ])('%j → %s %j', (text, command, args) => {
    expect(parseTypedCommand(text)).toEqual({ command, args });
  });

  test('a slash makes any word a command, with arguments kept as typed', () => {
    expect(parseTypedCommand('/start AbC-def_123456')).toEqual({ command: 'start', args: 'AbC-def_123456' });
    expect(parseTypedCommand('/lenhla')).toEqual({ command: 'lenhla', args: '' });
  });

  test.each([
    'Đơn vị đã báo cáo đầy đủ với cấp trên',
    'xem xét lại quy chế',
    'nộp 5 báo cáo',
    'sua chua nha van hoa',
    'Bỏ qua',
    'Xong',
    'Quay lại',
    '1',
    '',
    'AbCdEfGh12345678',
    `báo cáo ${'x'.repeat(100)}`,
  ])('%j stays text', (text) => {
    expect(parseTypedCommand(text)).toBeNull();
  });

  test('folding drops diacritics, đ, case and outer punctuation', () => {
    expect(foldVietnamese('  Đảng ủy   PHƯỜNG!! ')).toBe('dang uy phuong');
  });
});

/** One typed phrase for two commands would silently mean the last one: the start fails instead. */
it('refuses a typed phrase given for two commands', () => {
  expect(() => phraseIndex({ xem: ['xem', 'xem lai'], xembc: ['xembc', 'xem lai'] })).toThrow(
    'the typed phrase "xem lai" is given for two commands (xem, xembc)',
  );
  expect(phraseIndex({ nop: ['nop', 'nop bao cao'] }).get('nop bao cao')).toBe('nop');
});
