import { formatAnswer, parseTypedAnswer } from '../../src/engine';
import { question } from './helpers';

const num = question({ type: 'number', unit: 'cuộc' });
const numRange = question({ type: 'number', min: 1, max: 100 });
const yesno = question({ type: 'yesno' });
const date = question({ type: 'date' });
const choice = question({
  type: 'choice',
  options: [
    { id: 'hdnd', label: 'Thường trực Hội đồng nhân dân phường' },
    { id: 'ubnd', label: 'Ủy ban nhân dân phường' },
    { id: 'khac', label: 'Khác' },
  ],
});
const multi = question({
  type: 'multi',
  options: [
    { id: 'niem-yet', label: 'Niêm yết' },
    { id: 'loa', label: 'Loa truyền thanh' },
    { id: 'mxh', label: 'Mạng xã hội' },
  ],
});
const text = question({ type: 'text', maxLength: 50 });

describe('parsing typed answers', () => {
  test.each([
    ['12', 12],
    ['0', 0],
    ['007', 7],
    ['1.200', 1200],
    ['1,200', 1200],
    ['1 200', 1200],
    ['1\u00a0200', 1200],
    ['1.234.567', 1234567],
    ['  45  ', 45],
    ['12 cuộc', 12],
    ['12 cuoc', 12],
    ['không', 0],
    ['Không có', 0],
  ])('number %p → %p', (input, expected) => {
    expect(parseTypedAnswer(num, input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['1,5', /thập phân/],
    ['1.5', /thập phân/],
    ['12,50', /thập phân/],
    ['-3', /âm/],
    ['- 3', /âm/],
    ['mười hai', /số nguyên không âm/],
    ['abc', /số nguyên không âm/],
    ['', /số nguyên không âm/],
    ['1.200.0', /thập phân/],
    ['1.20.300', /thập phân/],
    ['99999999999999999999', /quá lớn/],
    ['1'.repeat(600), /quá dài/],
  ])('number %p is rejected', (input, reason) => {
    const r = parseTypedAnswer(num, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  test('number range is enforced with the range in the message', () => {
    expect(parseTypedAnswer(numRange, '0')).toEqual({
      ok: false,
      reason: expect.stringMatching(/từ 1 đến 100/),
    });
    expect(parseTypedAnswer(numRange, '101')).toEqual({
      ok: false,
      reason: expect.stringMatching(/từ 1 đến 100/),
    });
    expect(parseTypedAnswer(numRange, '100')).toEqual({ ok: true, value: 100 });
  });

  test.each([
    ['có', true],
    ['Có', true],
    ['CÓ', true],
    ['co', true],
    ['Có.', true],
    ['1', true],
    ['đã có', true],
    ['không', false],
    ['Khong', false],
    ['ko', false],
    ['chưa', false],
    ['2', false],
  ])('yes/no %p → %p', (input, expected) => {
    expect(parseTypedAnswer(yesno, input)).toEqual({ ok: true, value: expected });
  });

  test.each(['có lẽ', '3', 'maybe', ''])('yes/no %p is rejected', (input) => {
    expect(parseTypedAnswer(yesno, input)).toEqual({ ok: false, reason: expect.stringMatching(/Có.*Không/) });
  });

  test.each([
    ['15/06/2025', '2025-06-15'],
    ['5/6/2025', '2025-06-05'],
    ['05-06-2025', '2025-06-05'],
    ['05.06.2025', '2025-06-05'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/2025', '2025-12-31'],
    ['2025-06-15', '2025-06-15'],
  ])('date %p → %p', (input, expected) => {
    expect(parseTypedAnswer(date, input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['31/02/2025', /Không có ngày 31\/2\/2025/],
    ['29/02/2025', /Không có ngày 29\/2\/2025/],
    ['29/02/1900', /Không có ngày/],
    ['31/04/2025', /Không có ngày/],
    ['00/01/2025', /Không có ngày/],
    ['15/13/2025', /Không có tháng 13/],
    ['15/06/25', /4 chữ số/],
    ['15/06/3025', /4 chữ số/],
    ['ngày mai', /ngày\/tháng\/năm/],
    ['2025/06/15', /ngày\/tháng\/năm/],
  ])('date %p is rejected', (input, reason) => {
    const r = parseTypedAnswer(date, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  test.each([
    ['1', 'hdnd'],
    ['2', 'ubnd'],
    ['2.', 'ubnd'],
    ['số 3', 'khac'],
    ['Ủy ban nhân dân phường', 'ubnd'],
    ['uy ban nhan dan phuong', 'ubnd'],
    ['UY BAN', 'ubnd'],
    ['khác', 'khac'],
    ['hdnd', 'hdnd'],
  ])('choice %p → %p', (input, expected) => {
    expect(parseTypedAnswer(choice, input)).toEqual({ ok: true, value: expected });
  });

  test.each(['0', '4', 'phường', 'xyz', ''])('choice %p is rejected with the range', (input) => {
    expect(parseTypedAnswer(choice, input)).toEqual({
      ok: false,
      reason: expect.stringMatching(/từ 1 đến 3/),
    });
  });

  test.each([
    ['1,3', ['niem-yet', 'mxh']],
    ['1 3', ['niem-yet', 'mxh']],
    ['3, 1', ['niem-yet', 'mxh']],
    ['1;2;2', ['niem-yet', 'loa']],
    ['2', ['loa']],
    ['niêm yết, mang xa hoi', ['niem-yet', 'mxh']],
    ['tất cả', ['niem-yet', 'loa', 'mxh']],
  ])('multi %p → %p', (input, expected) => {
    expect(parseTypedAnswer(multi, input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['1,4', /số 4/],
    ['0', /số 0/],
    ['niêm yết, tivi', /tivi/],
    ['', /ít nhất một/],
  ])('multi %p is rejected', (input, reason) => {
    const r = parseTypedAnswer(multi, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  test('text: trimmed, Vietnamese kept as typed, empty and too long rejected with the limit', () => {
    expect(parseTypedAnswer(text, '  Đã tổ chức 3 hội nghị.  ')).toEqual({
      ok: true,
      value: 'Đã tổ chức 3 hội nghị.',
    });
    expect(parseTypedAnswer(text, '   ')).toEqual({ ok: false, reason: expect.stringMatching(/trống/) });
    const r = parseTypedAnswer(text, 'a'.repeat(51));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/51 ký tự.*tối đa 50/) });
    const huge = parseTypedAnswer(question({ type: 'text' }), 'x'.repeat(1_000_000));
    expect(huge).toEqual({ ok: false, reason: expect.stringMatching(/tối đa 20000/) });
  });

  test('attachment questions cannot be answered by text', () => {
    expect(parseTypedAnswer(question({ type: 'attachment' }), 'đây')).toEqual({
      ok: false,
      reason: expect.stringMatching(/tệp/),
    });
  });
});

describe('formatAnswer', () => {
  test.each([
    [num, 1200, '1.200 cuộc'],
    [yesno, true, 'Có'],
    [yesno, false, 'Không'],
    [date, '2025-06-05', '05/06/2025'],
    [choice, 'ubnd', 'Ủy ban nhân dân phường'],
    [multi, ['niem-yet', 'mxh'], 'Niêm yết; Mạng xã hội'],
    [text, 'Nội dung', 'Nội dung'],
  ] as const)('%#: %p', (q, value, expected) => {
    expect(formatAnswer(q, value as never)).toBe(expected);
  });

  test('attachments list names and sizes', () => {
    const q = question({ type: 'attachment' });
    const v = [
      { platform: 'zalo', fileId: 'a', name: 'bao-cao.pdf', size: 1_572_864, mimeType: 'application/pdf' },
      { platform: 'zalo', fileId: 'b', name: 'anh.jpg', size: 2048, mimeType: 'image/jpeg' },
    ];
    expect(formatAnswer(q, v)).toBe('2 tệp: bao-cao.pdf (1,5 MB), anh.jpg (2 KB)');
  });
});
