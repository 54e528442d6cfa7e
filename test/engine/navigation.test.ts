import { missingRequired, renderReview, tokens } from '../../src/engine';
import { defineFlow, file, loadShippedFlow, Session } from './helpers';

/** Small flow covering every type, an optional question and a condition. */
const flow = defineFlow({
  id: 'thu',
  version: 1,
  title: 'Báo cáo thử',
  kind: 'adhoc',
  sections: [
    {
      number: 'I',
      heading: 'Tình hình chung',
      questions: [
        { id: 'tinh_hinh', type: 'text', prompt: 'Tình hình chung?', short: 'Tình hình', maxLength: 60 },
        { id: 'so_cuoc', type: 'number', prompt: 'Số cuộc đối thoại?', unit: 'cuộc' },
        { id: 'ghi_chu', type: 'text', prompt: 'Ghi chú?', required: false },
      ],
    },
    {
      number: 'II.1',
      heading: 'Lãnh đạo',
      questions: [
        { id: 'co_quy_che', type: 'yesno', prompt: 'Có quy chế không?' },
        {
          id: 'ly_do',
          type: 'text',
          prompt: 'Lý do chưa có?',
          when: { answer: { question: 'co_quy_che', equals: false } },
        },
        {
          id: 'hinh_thuc',
          type: 'multi',
          prompt: 'Hình thức?',
          options: [
            { id: 'a', label: 'Niêm yết' },
            { id: 'b', label: 'Loa' },
            { id: 'c', label: 'Họp' },
          ],
        },
      ],
    },
    {
      number: 'II.2',
      heading: 'Chỉ đạo',
      questions: [
        { id: 'ngay', type: 'date', prompt: 'Ngày hội nghị?' },
        {
          id: 'don_vi',
          type: 'choice',
          prompt: 'Đơn vị?',
          options: [
            { id: 'x', label: 'Ủy ban nhân dân' },
            { id: 'y', label: 'Hội đồng nhân dân' },
          ],
        },
      ],
    },
    {
      number: 'III',
      heading: 'Tài liệu',
      questions: [
        { id: 'tep', type: 'attachment', prompt: 'Tệp?', required: false, maxFiles: 2, maxSizeMb: 1 },
      ],
    },
  ],
});

function fresh(): Session {
  const s = new Session(flow, { unitKind: 'co-quan' });
  s.send({ type: 'start' });
  return s;
}

/** Answers up to (not including) `stopAt`. */
function fillTo(s: Session, stopAt: string): void {
  const answers: Record<string, string[]> = {
    tinh_hinh: ['Ổn định', 'xong'],
    so_cuoc: ['3'],
    ghi_chu: ['bỏ qua'],
    co_quy_che: ['có'],
    hinh_thuc: ['1,3'],
    ngay: ['15/06/2025'],
    don_vi: ['1'],
    tep: ['bỏ qua'],
  };
  for (let i = 0; i < 20 && s.current !== stopAt && s.current; i++)
    for (const t of answers[s.current]!) s.type(t);
  expect(s.current).toBe(stopAt);
}

describe('long text in several messages', () => {
  test('first piece replaces, later pieces append, "Xong" moves on', () => {
    const s = fresh();
    s.answers.set('tinh_hinh', 'câu trả lời cũ');
    s.type('Phần một.');
    expect(s.last.effects).toEqual([{ type: 'saveAnswer', questionId: 'tinh_hinh', value: 'Phần một.' }]);
    expect(s.current).toBe('tinh_hinh');
    expect(s.state.collectingText).toEqual({ questionId: 'tinh_hinh', pieces: 1, chars: 9 });
    expect(s.tokens()).toContain(tokens.done('tinh_hinh'));
    s.type('Phần hai.');
    expect(s.last.effects).toEqual([
      { type: 'saveAnswer', questionId: 'tinh_hinh', value: 'Phần hai.', append: true },
    ]);
    expect(s.answers.get('tinh_hinh')).toBe('Phần một.\nPhần hai.');
    expect(s.text).toMatch(/phần 2/);
    s.type('Xong');
    expect(s.current).toBe('so_cuoc');
    expect(s.state.collectingText).toBeUndefined();
    expect(JSON.stringify(s.state).length).toBeLessThan(300);
  });

  test('the length limit counts all pieces; the piece that would exceed it is not stored', () => {
    const s = fresh();
    s.type('a'.repeat(40));
    s.type('b'.repeat(30));
    expect(s.last.effects).toEqual([]);
    expect(s.text).toMatch(/vượt giới hạn 60 ký tự/);
    expect(s.answers.get('tinh_hinh')).toBe('a'.repeat(40));
    s.press(tokens.done('tinh_hinh'));
    expect(s.current).toBe('so_cuoc');
  });

  test('"Xong" on a required text without any content asks again', () => {
    const s = fresh();
    s.type('xong');
    expect(s.current).toBe('tinh_hinh');
    expect(s.text).toMatch(/bắt buộc/);
  });
});

describe('invalid answers store nothing and repeat the question', () => {
  test.each([
    ['so_cuoc', '1,5', /thập phân/],
    ['so_cuoc', 'ba', /số nguyên/],
    ['ngay', '31/02/2025', /Không có ngày 31\/2\/2025/],
    ['co_quy_che', 'có lẽ', /Có.*Không/],
    ['don_vi', '9', /từ 1 đến 2/],
    ['hinh_thuc', '5', /số 5/],
  ])('%s ← %p', (qid, input, reason) => {
    const s = fresh();
    fillTo(s, qid);
    const before = s.state;
    s.type(input);
    expect(s.last.effects).toEqual([]);
    expect(s.state).toEqual(before);
    expect(s.text).toMatch(reason);
    expect(s.text).toContain(flow.sections.flatMap((x) => x.questions).find((q) => q.id === qid)!.prompt);
  });
});

describe('skip, back, jump, edit', () => {
  test('skip works on optional questions only', () => {
    const s = fresh();
    fillTo(s, 'so_cuoc');
    s.type('bo qua');
    expect(s.current).toBe('so_cuoc');
    expect(s.text).toMatch(/bắt buộc/);
    s.type('3');
    s.type('Bỏ qua');
    expect(s.current).toBe('co_quy_che');
    expect(s.answers.has('ghi_chu')).toBe(false);
  });

  test('back goes to the previous applicable question and shows the current answer', () => {
    const s = fresh();
    fillTo(s, 'ghi_chu');
    s.type('Quay lại');
    expect(s.current).toBe('so_cuoc');
    expect(s.text).toContain('Câu trả lời hiện có: 3 cuộc');
    // A required question that already has an answer may be passed with "Bỏ qua" (keep it).
    s.type('bỏ qua');
    expect(s.current).toBe('ghi_chu');
    s.send({ type: 'back' });
    s.send({ type: 'back' });
    s.send({ type: 'back' });
    expect(s.current).toBe('tinh_hinh');
    expect(s.text).toMatch(/câu hỏi đầu tiên/);
  });

  test('back skips questions that do not apply', () => {
    const s = fresh();
    fillTo(s, 'hinh_thuc'); // co_quy_che = có → ly_do does not apply
    s.type('quay lai');
    expect(s.current).toBe('co_quy_che');
    s.type('không');
    expect(s.current).toBe('ly_do');
  });

  test('jump to a section by button and by typing', () => {
    const s = fresh();
    s.press(tokens.jump('II.2'));
    expect(s.current).toBe('ngay');
    expect(s.text).toContain('Mục II.2. Chỉ đạo');
    s.type('mục II');
    expect(s.current).toBe('co_quy_che');
    s.send({ type: 'jump', section: 'IX' });
    expect(s.current).toBe('co_quy_che');
    expect(s.text).toMatch(/Không có mục IX/);
  });

  test('edit an earlier answer, then return to where the user was', () => {
    const s = fresh();
    fillTo(s, 'ngay');
    s.send({ type: 'edit', questionId: 'so_cuoc' });
    expect(s.current).toBe('so_cuoc');
    expect(s.state.returnTo).toBe('ngay');
    expect(s.text).toMatch(/đang sửa/);
    s.type('5');
    expect(s.answers.get('so_cuoc')).toBe(5);
    expect(s.current).toBe('ngay');
    expect(s.state.returnTo).toBeUndefined();
  });

  test('editing a condition answer returns to where the user was, and the new question shows up as missing', () => {
    const s = fresh();
    fillTo(s, 'ngay');
    s.type('sửa câu 4'); // co_quy_che is question 4 here
    expect(s.current).toBe('co_quy_che');
    s.type('không');
    expect(s.current).toBe('ngay');
    expect(missingRequired(flow, s.ctx).map((q) => q.id)).toEqual(['ly_do', 'ngay', 'don_vi']);
  });

  test('edit from the end summary returns to the end summary', () => {
    const s = fresh();
    fillTo(s, 'tep');
    s.type('bỏ qua');
    expect(s.state.mode).toBe('done');
    s.press(tokens.edit('ngay'));
    expect(s.current).toBe('ngay');
    s.type('01/07/2025');
    expect(s.state.mode).toBe('done');
    expect(s.text).toMatch(/đi hết các câu hỏi/);
  });
});

describe('buttons', () => {
  test('choice, yes/no and multi buttons answer the current question', () => {
    const s = fresh();
    fillTo(s, 'co_quy_che');
    expect(s.tokens()).toEqual(
      expect.arrayContaining([tokens.answer('co_quy_che', 'y'), tokens.answer('co_quy_che', 'n')]),
    );
    s.press(tokens.answer('co_quy_che', 'y'));
    expect(s.answers.get('co_quy_che')).toBe(true);
    s.press(tokens.toggle('hinh_thuc', 3));
    s.press(tokens.toggle('hinh_thuc', 1));
    expect(s.answers.get('hinh_thuc')).toEqual(['a', 'c']);
    s.press(tokens.toggle('hinh_thuc', 3));
    expect(s.answers.get('hinh_thuc')).toEqual(['a']);
    expect(s.text).toContain('Đã chọn: Niêm yết');
    s.press(tokens.done('hinh_thuc'));
    expect(s.current).toBe('ngay');
    s.type('15/6/2025');
    s.press(tokens.answer('don_vi', 2));
    expect(s.answers.get('don_vi')).toBe('y');
    for (const t of s.tokens()) expect(t.length).toBeLessThanOrEqual(40);
  });

  test('a stale button (of an earlier question) changes nothing and says so', () => {
    const s = fresh();
    fillTo(s, 'co_quy_che');
    s.type('có');
    const before = s.state;
    const answers = new Map(s.answers);
    s.press(tokens.answer('co_quy_che', 'n'));
    expect(s.text).toMatch(/Nút này đã cũ/);
    expect(s.text).toContain('Hình thức?'); // the current question again
    expect(s.state).toEqual(before);
    expect(s.last.effects).toEqual([]);
    expect(s.answers).toEqual(answers);
    s.press(tokens.skip('tinh_hinh'));
    expect(s.state).toEqual(before);
    expect(s.text).toMatch(/Nút này đã cũ/);
  });

  test.each([
    '',
    'zzz',
    'a:co_quy_che:7',
    'a:hinh_thuc:1',
    `a:${'x'.repeat(60)}:1`,
    'j:../../etc',
    'e:khong_ton_tai',
  ])('a forged or malformed token %p changes nothing', (token) => {
    const s = fresh();
    fillTo(s, 'co_quy_che');
    const before = s.state;
    s.press(token);
    expect(s.state).toEqual(before);
    expect(s.last.effects).toEqual([]);
    expect(s.last.replies.length).toBeGreaterThan(0);
  });
});

describe('attachments', () => {
  test('files are checked for size, duplicates and count', () => {
    const s = fresh();
    fillTo(s, 'tep');
    s.type('đây là tệp');
    expect(s.text).toMatch(/cần gửi tệp/);
    s.send({ type: 'attachment', file: file('lon.pdf', { size: 2 * 1024 * 1024 }) });
    expect(s.last.effects).toEqual([]);
    expect(s.text).toMatch(/vượt quá 1 MB/);
    s.send({ type: 'attachment', file: file('a.pdf') });
    expect(s.answers.get('tep')).toEqual([file('a.pdf')]);
    expect(s.current).toBe('tep');
    s.send({ type: 'attachment', file: file('a.pdf') });
    expect(s.text).toMatch(/đã được gửi/);
    s.send({ type: 'attachment', file: file('b.jpg') });
    expect((s.answers.get('tep') as unknown[]).length).toBe(2);
    expect(s.state.mode).toBe('done'); // maxFiles reached: moves on by itself
  });

  test('a file sent to a non-file question is not stored', () => {
    const s = fresh();
    s.send({ type: 'attachment', file: file('a.pdf') });
    expect(s.last.effects).toEqual([]);
    expect(s.text).toMatch(/không nhận tệp/);
    s.send({ type: 'unsupported', what: 'voice' });
    expect(s.text).toMatch(/tin nhắn thoại/);
    expect(s.current).toBe('tinh_hinh');
  });
});

describe('completeness and review', () => {
  test('the end summary lists what is missing by number and short label', () => {
    const s = fresh();
    s.press(tokens.jump('III'));
    s.type('bỏ qua');
    expect(s.state.mode).toBe('done');
    expect(s.text).toMatch(/Còn 6 câu bắt buộc chưa trả lời/);
    expect(s.text).toContain('• Câu 1 (Mục I): Tình hình');
    expect(s.text).toContain('• Câu 2 (Mục I): Số cuộc đối thoại?');
    expect(s.tokens()).toContain(tokens.edit('tinh_hinh'));
    s.type('kiểm tra');
    expect(s.text).toMatch(/Còn 6 câu/);
  });

  test('review shows every section with its number and heading, in chunks with edit buttons', () => {
    const s = fresh();
    fillTo(s, 'tep');
    s.answers.set('tinh_hinh', 'Dài '.repeat(400));
    const chunks = renderReview(flow, s.ctx, 500);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(500);
    const all = chunks.map((c) => c.text).join('\n');
    for (const h of [
      'Mục I. Tình hình chung',
      'Mục II.1. Lãnh đạo',
      'Mục II.2. Chỉ đạo',
      'Mục III. Tài liệu',
    ]) {
      expect(all).toContain(h);
    }
    expect(all).toContain('Câu 2. Số cuộc đối thoại?: 3 cuộc');
    expect(all).toContain('Câu 6. Ngày hội nghị?: 15/06/2025');
    expect(all).toContain('(chưa trả lời)');
    const buttonTokens = chunks.flatMap((c) => (c.buttons ?? []).flat().map((b) => b.token));
    expect(buttonTokens).toEqual(['j:I', 'j:II.1', 'j:II.2', 'j:III']);
    // Typed "Xem lại" gives the same review and changes nothing.
    const before = s.state;
    s.type('Xem lại');
    expect(s.state).toEqual(before);
    expect(s.last.replies[0]!.text).toContain('XEM LẠI: Báo cáo thử');
  });

  test('Telegram-sized review of a complete main report fits in few messages', () => {
    const main = loadShippedFlow('bao-cao-dan-chu-co-so.yaml');
    const s = new Session(main, { unitKind: 'co-quan' });
    const chunks = renderReview(main, s.ctx, 4096);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(4096);
    expect(chunks.map((c) => c.text).join('\n')).toContain('Mục VI. KIẾN NGHỊ, ĐỀ XUẤT');
  });
});

describe('section subsets and ad-hoc requests', () => {
  test('a round using only sections I and IV of the main flow asks only those', () => {
    const main = loadShippedFlow('bao-cao-dan-chu-co-so.yaml');
    const s = new Session(main, { unitKind: 'mat-tran', sections: ['I', 'IV'] });
    s.send({ type: 'start' });
    const seen: string[] = [];
    for (let i = 0; i < 40 && s.current; i++) {
      const id = s.current;
      seen.push(id);
      if (id === 'mt_to_chuc') s.type('2');
      else if (id === 'mt_so_hoi_vien') s.type('120');
      else {
        s.type('Nội dung');
        s.type('xong');
      }
    }
    expect(seen).toEqual([
      'mt_to_chuc',
      'i_dac_diem',
      'mt_so_hoi_vien',
      'iv1_ket_qua',
      'iv2_han_che',
      'iv3_nguyen_nhan',
    ]);
    expect(s.state.mode).toBe('done');
    expect(missingRequired(main, s.ctx)).toEqual([]);
    expect(s.text).toMatch(/6\/6/);
  });

  test('the ad-hoc flow shows the request title and instructions at the start', () => {
    const adhoc = loadShippedFlow('bao-cao-dot-xuat.yaml');
    const s = new Session(adhoc, {
      unitKind: 'co-quan',
      request: {
        title: 'Báo cáo nhanh việc tổ chức đối thoại quý III',
        instructions: 'Gửi trước ngày 20/9.',
      },
    });
    s.send({ type: 'start' });
    expect(s.text).toContain('Yêu cầu báo cáo: Báo cáo nhanh việc tổ chức đối thoại quý III');
    expect(s.text).toContain('Gửi trước ngày 20/9.');
    expect(s.current).toBe('noi_dung');
    s.type('Đã tổ chức 2 cuộc đối thoại.');
    s.type('xong');
    s.type('2');
    expect(s.current).toBe('so_lieu_2');
    s.type('bỏ qua');
    s.type('bỏ qua');
    s.send({ type: 'attachment', file: file('bien-ban.pdf') });
    s.type('xong');
    expect(s.state.mode).toBe('done');
    expect(missingRequired(adhoc, s.ctx)).toEqual([]);
  });
});

describe('robustness', () => {
  test('a corrupt or foreign state is recovered, not thrown on', () => {
    const s = fresh();
    s.state = { v: 1, flowId: 'khac', flowVersion: 1, mode: 'answering', questionId: 'x' };
    s.type('xin chào');
    expect(s.text).toMatch(/khôi phục/);
    expect(s.state.flowId).toBe('thu');
    s.state = { nonsense: true } as never;
    s.send({ type: 'start' });
    expect(s.state.v).toBe(1);
  });
});
