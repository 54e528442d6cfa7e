import { DateTime } from 'luxon';
import { postWebhook } from '../support/fake-telegram-api';
import { annualRound2026, startTestApp, type TestApp } from '../support/start-test-app';
import { answerWholeReport, currentQuestion, TelegramUser } from '../support/telegram-user';

jest.setTimeout(120_000);

let t: TestApp;
async function invite(
  unitCode: string,
  role: 'contact' | 'secretariat' = 'contact',
  days = 14,
): Promise<string> {
  return t.app.store.repos.invites.create({
    unitCode,
    role,
    expiresAt: t.clock.now().plus({ days }).toJSDate(),
    createdBy: 'test',
  });
}
const flow = () => t.app.flows.require('bao-cao-dan-chu-co-so');
const EDITED_TEXT = 'Phường Hồng An có 12 khu phố (đã sửa).';

beforeAll(async () => {
  t = await startTestApp();
  await t.app.store.repos.rounds.ensure(annualRound2026());
});
afterAll(async () => {
  await t.close();
});

describe('Telegram: strangers and invitations', () => {
  it('sets the Vietnamese command menu', async () => {
    const commands = t.telegram.callsTo('setMyCommands')[0]?.params.commands as {
      command: string;
      description: string;
    }[];
    expect(commands.map((command) => command.command)).toEqual([
      'baocao',
      'xem',
      'sua',
      'nop',
      'tamdung',
      'trogiup',
    ]);
    expect(commands[0]?.description).toBe('Làm hoặc tiếp tục báo cáo');
  });

  it('explains how to get an invitation and lets unknown users do nothing else', async () => {
    const stranger = new TelegramUser(t.telegram, 9001, 'Khách');
    expect(await stranger.say('/start')).toEqual([
      expect.stringContaining('cần mã mời do Ban Xây dựng Đảng cấp'),
    ]);
    expect(await stranger.say('/baocao')).toEqual([
      expect.stringContaining('chưa được liên kết với đơn vị nào'),
    ]);
    expect(await stranger.say('xin chào')).toEqual([expect.stringContaining('chưa được liên kết')]);
  });

  it('refuses unknown, used and expired codes, and slows down repeated wrong codes', async () => {
    const guesser = new TelegramUser(t.telegram, 9002, 'Đoán mò');
    expect(await guesser.say('/start saima')).toEqual([
      'Mã mời không đúng. Đồng chí kiểm tra lại mã (phân biệt chữ hoa, chữ thường) hoặc xin mã mới.',
    ]);
    // A person mistyping has room: the 4th wrong code is still just "wrong", and the right code
    // copied on the 5th try is accepted.
    for (const wrong of ['saima2', 'saima3']) await guesser.say(`/start ${wrong}`);
    expect((await guesser.say('/start saima4'))[0]).toContain('Mã mời không đúng.');
    expect((await guesser.say(`/start ${await invite('hoi-lhpn')}`))[0]).toContain(
      'Đã liên kết tài khoản với đơn vị: Hội Liên hiệp Phụ nữ phường',
    );
    // Someone hammering wrong codes waits, without the waits growing while waiting; a right code
    // is still accepted during the wait.
    const hammer = new TelegramUser(t.telegram, 9006, 'Thử mãi');
    for (let i = 1; i <= 10; i++) await hammer.say(`/start sai${i}`);
    expect((await hammer.say('/start sai11'))[0]).toMatch(
      /nhập sai mã nhiều lần\. Vui lòng thử lại sau \d+ giây/,
    );
    expect((await hammer.say(`/start ${await invite('hoi-ccb')}`))[0]).toContain('Đã liên kết tài khoản');

    const expired = await invite('ubnd', 'contact', -1);
    const late = new TelegramUser(t.telegram, 9003, 'Muộn');
    expect(await late.say(`/start ${expired}`)).toEqual([expect.stringContaining('đã hết hạn')]);

    const code = await invite('mttq');
    const first = new TelegramUser(t.telegram, 9004, 'Hùng');
    expect((await first.say(`/start ${code}`))[0]).toContain(
      'Đã liên kết tài khoản với đơn vị: Ủy ban Mặt trận Tổ quốc Việt Nam phường',
    );
    const second = new TelegramUser(t.telegram, 9005, 'Lan');
    expect(await second.say(`/start ${code}`)).toEqual([expect.stringContaining('đã được sử dụng')]);
  });
});

describe('Telegram: a unit contact fills, reviews and submits the report', () => {
  const ubnd = () => new TelegramUser(t.telegram, 1001, 'Minh');

  it('joins UBND by the deep link and goes straight into the only open round', async () => {
    const user = ubnd();
    expect((await user.say(`/start ${await invite('ubnd')}`))[0]).toContain('Ủy ban nhân dân phường');
    const replies = await user.say('/baocao', 2);
    expect(replies[0]).toBe('📋 Báo cáo năm 2026\nHạn nộp: hết ngày 9/12/2026 (thứ Tư).');
    // Which body the unit is comes filled in from the units file and is not numbered: the first
    // question a person is asked is "Câu 1", and the total stays put (follow-ups are "4a", not "/32").
    expect(replies[1]).toMatch(/Câu 1\/31 — Mục I/);
    expect(replies[1]).toContain('I. KHÁI QUÁT ĐẶC ĐIỂM, TÌNH HÌNH');
    expect(await t.app.store.repos.answers.get('annual-2026:ubnd', 'cq_don_vi')).toMatchObject({
      value: 'ubnd',
      by: 'system',
    });
    // "Quay lại" from question 1 does not lead to the pre-filled question (only /sua reaches it).
    expect((await user.say('quay lại'))[0]).toContain('Đây là câu hỏi đầu tiên.');
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe('i_dac_diem');
  });

  it('explains a sticker and re-asks, rejects an invalid number with the reason and asks again', async () => {
    const user = ubnd();
    const sticker = t.telegram.sentMessages(user.id).length;
    t.telegram.sendSticker({ id: user.id, first_name: 'Minh' });
    await t.telegram.waitForMessages(user.id, sticker + 1);
    expect(user.lastReply()).toMatch(/Câu 1\/31 /);

    // Walk to the first number question, answering text questions on the way.
    let question = await currentQuestion(t.app, flow(), user.id);
    while (question && question.type !== 'number') {
      if (question.type === 'text') {
        await user.say('Phường có 12 khu phố, 5.000 hộ dân; tình hình chính trị ổn định.');
        await user.press(`f:x:${question.id}`);
      } else {
        await user.say(question.type === 'yesno' ? 'có' : question.type === 'date' ? '01/11/2026' : '1');
      }
      question = await currentQuestion(t.app, flow(), user.id);
    }
    expect(question?.type).toBe('number');
    const [rejection] = await user.say('khoảng mười');
    expect(rejection).toMatch(/số nguyên/i);
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe(question!.id);
    await user.say('1 200');
    const saved = await t.app.store.repos.answers.get('annual-2026:ubnd', question!.id);
    expect(saved).toMatchObject({ value: 1200, by: 'telegram:1001', channel: 'telegram' });
  });

  it('goes back, skips an optional question only, and edits an earlier answer then returns', async () => {
    const user = ubnd();
    const before = await currentQuestion(t.app, flow(), user.id);
    await user.say('quay lại');
    const previous = await currentQuestion(t.app, flow(), user.id);
    expect(previous?.id).not.toBe(before?.id);
    await user.say('bỏ qua'); // the previous question is answered: skipping keeps it
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe(before?.id);

    const replies = await user.say('/sua 1');
    expect(replies.join('\n')).toMatch(/Câu 1\/31 /);
    const edited = await currentQuestion(t.app, flow(), user.id);
    expect(edited?.type).toBe('text');
    await user.say(EDITED_TEXT);
    await user.say('xong');
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe(before?.id);
    expect((await t.app.store.repos.answers.get('annual-2026:ubnd', edited!.id))?.value).toBe(EDITED_TEXT);
  });

  it('ignores a stale button from an old message', async () => {
    const user = ubnd();
    const first = flow().sections[0]!.questions[0]!;
    const current = await currentQuestion(t.app, flow(), user.id);
    const [notice] = await user.press(`f:x:${first.id}`);
    expect(notice).toMatch(/cũ/);
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe(current?.id);
  });

  it('resumes at the same question after /tamdung and after a restart of the bot', async () => {
    const user = ubnd();
    const at = await currentQuestion(t.app, flow(), user.id);
    expect((await user.say('/tamdung'))[0]).toContain('Đã tạm dừng');
    expect((await user.say('tôi quay lại đây'))[0]).toContain(at!.prompt.split('\n')[0]!.slice(0, 40));

    const answersBefore = (await t.app.store.repos.submissions.get('annual-2026:ubnd'))!.answeredCount;
    await t.restart();
    expect((await currentQuestion(t.app, flow(), user.id))?.id).toBe(at?.id);
    const [header, question] = await user.say('/baocao', 2);
    expect(header).toContain('Báo cáo năm 2026');
    expect(question).toContain(at!.prompt.split('\n')[0]!.slice(0, 40));
    expect((await t.app.store.repos.submissions.get('annual-2026:ubnd'))!.answeredCount).toBe(answersBefore);
  });

  it('refuses to submit while required answers are missing, listing them', async () => {
    const [reply] = await ubnd().say('/nop');
    // The same lines as the engine's own summary: number, section, a short label cut at a word.
    expect(reply).toMatch(/^Chưa thể nộp: còn \d+ câu bắt buộc chưa trả lời:\n• Câu \d+ \(Mục [IV.\d]+\): /);
  });

  it('completes the report, shows the review in chunks that fit, and submits with a receipt', async () => {
    const user = ubnd();
    const answered = await answerWholeReport(t.app, flow(), user);
    expect(answered.length).toBeGreaterThan(5);
    // One total from the first question to the end summary, whatever follow-ups appeared.
    const totals = new Set(
      user.replies().flatMap((text) => [...text.matchAll(/Câu \d+[a-z]?\/(\d+)/g)].map((m) => m[1])),
    );
    expect([...totals]).toEqual(['31']);
    expect(user.replies().join('\n')).toMatch(/Câu 4a\/31 — Mục II\.1/);
    expect(user.replies().join('\n')).toMatch(/đã trả lời \d+\/31 câu/);
    // One form of address, the one the secretariat's letters use: "đồng chí", never "bạn".
    expect(user.replies().join('\n')).toContain('Đồng chí đã đi hết các câu hỏi');
    expect(user.replies().join('\n')).not.toMatch(/(^|[^\p{L}])[Bb]ạn([^\p{L}]|$)/u);
    const review = await user.say('/xem');
    expect(review.every((chunk) => chunk.length <= 4096)).toBe(true);
    expect(review.join('\n')).toContain(EDITED_TEXT);
    // Subsections sit under their parent heading, as when the questions were asked.
    expect(review.join('\n')).toMatch(/\nMục II\. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI[^\n]*\nMục II\.1\. /);
    expect(review.join('\n').match(/Mục II\. CÔNG TÁC/g)).toHaveLength(1);
    expect(user.lastButtons().length).toBeGreaterThan(0);

    const [confirm] = await user.say('/nop');
    expect(confirm).toMatch(/^Nộp Báo cáo năm 2026\? Đơn vị đã trả lời \d+\/\d+ câu/);
    const [done] = await user.press('n:y');
    expect(done).toMatch(
      /^✅ Đã nộp báo cáo lúc 10:00 ngày 26\/11\/2026\. Số tiếp nhận: UBND – năm 2026 – lần 1\./,
    );
    const submission = await t.app.store.repos.submissions.get('annual-2026:ubnd');
    expect(submission).toMatchObject({
      status: 'submitted',
      version: 1,
      receiptNo: 'UBND – năm 2026 – lần 1',
    });
    expect(
      (await t.app.store.repos.answers.getVersion('annual-2026:ubnd', 1))?.answers.length,
    ).toBeGreaterThan(5);

    expect((await user.say('/nop'))[0]).toContain('đã được nộp lúc 10:00 ngày 26/11/2026');
    expect((await user.say('sửa câu 1 nhé'))[0]).toContain('đã được nộp');
    expect((await user.press('n:y'))[0]).toMatch(/cũ/);
  });

  it('walks a second unit kind (Hội LHPN, mặt trận) through its own questions to submission', async () => {
    const user = new TelegramUser(t.telegram, 1002, 'Hoa');
    await user.say(`/start ${await invite('hoi-lhpn')}`);
    await user.say('/baocao', 2);
    const answered = await answerWholeReport(t.app, flow(), user);
    const ubndIds = new Set(
      (await t.app.store.repos.answers.listBySubmission('annual-2026:ubnd')).map((a) => a.questionId),
    );
    // Section III differs by kind: the front answers questions the ward authority never saw.
    expect(answered.some((id) => !ubndIds.has(id))).toBe(true);
    await user.say('/nop');
    expect((await user.say('1'))[0]).toContain('Số tiếp nhận: HOI-LHPN – năm 2026 – lần 1');
  });
});

describe('Telegram: delivery and robustness', () => {
  it('ignores a redelivered update', async () => {
    const user = new TelegramUser(t.telegram, 1003, 'Tâm');
    await user.say(`/start ${await invite('doan-tn')}`);
    const updateId = t.telegram.sendText({ id: user.id, first_name: 'Tâm' }, '/trogiup');
    await t.telegram.waitForMessages(user.id, 2);
    t.telegram.redeliver(updateId);
    await user.say('/tamdung'); // a later message is answered, the redelivery was not
    expect(user.replies().filter((reply) => reply.startsWith('HƯỚNG DẪN SỬ DỤNG'))).toHaveLength(1);
  });

  it('still answers when the Bot API says 429 with retry_after', async () => {
    const user = new TelegramUser(t.telegram, 1003, 'Tâm');
    t.telegram.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const [reply] = await user.say('/trogiup');
    expect(reply).toContain('HƯỚNG DẪN SỬ DỤNG');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('keeps both contacts’ answers when two people of one unit work on the same report', async () => {
    const first = new TelegramUser(t.telegram, 1004, 'An');
    const second = new TelegramUser(t.telegram, 1005, 'Bình');
    await first.say(`/start ${await invite('hoi-ccb')}`);
    await second.say(`/start ${await invite('hoi-ccb')}`);
    await first.say('/baocao', 2);
    await second.say('/baocao', 2);
    // Which organisation is filled in from the units file; An answers question 1, Bình question 2.
    expect((await currentQuestion(t.app, flow(), first.id))?.type).toBe('text');
    await first.say('Hội có 230 hội viên, sinh hoạt ở 5 chi hội.');
    await first.say('xong');
    await second.say('/sua 2');
    const third = await currentQuestion(t.app, flow(), second.id);
    await second.say(third?.type === 'number' ? '4' : 'Hội ban hành kế hoạch thực hiện dân chủ năm 2026.');
    if ((await currentQuestion(t.app, flow(), second.id))?.id === third?.id) await second.say('xong');
    const answers = await t.app.store.repos.answers.listBySubmission('annual-2026:hoi-ccb');
    expect(answers.map((answer) => answer.by).sort()).toEqual(['system', 'telegram:1004', 'telegram:1005']);
    // The pre-filled answer is not counted: nobody answered it.
    expect((await t.app.store.repos.submissions.get('annual-2026:hoi-ccb'))?.answeredCount).toBe(2);
  });

  it('never lets a contact reach another unit’s report, even with forged buttons', async () => {
    const outsider = new TelegramUser(t.telegram, 1003, 'Tâm'); // Đoàn TN
    const [reply] = await outsider.press('r:annual-2026', 2);
    expect(reply).toContain('Báo cáo năm 2026');
    const session = await t.app.store.repos.sessions.get('telegram:1003');
    expect(session?.submissionId).toBe('annual-2026:doan-tn');
    expect((await outsider.press('r:khong-ton-tai'))[0]).toContain('không còn mở hoặc không dành cho đơn vị');
    expect((await outsider.press('zz:hack'))[0]).toMatch(/cũ/);
  });

  it('answers a stale or forged button with what to do, and shows the unit’s report', async () => {
    const user = new TelegramUser(t.telegram, 1010, 'Hà');
    await user.say(`/start ${await invite('mttq')}`);
    // A button of a question from a message this chat has no report open for.
    const replies = await user.press('f:a:i_dac_diem:1', 3);
    expect(replies[0]).toBe(
      'Nút này đã cũ hoặc không hợp lệ nên không có tác dụng. Gõ /baocao để tiếp tục báo cáo, hoặc /trogiup để xem hướng dẫn.',
    );
    expect(replies[1]).toContain('📋 Báo cáo năm 2026');
    expect(replies[2]).toMatch(/Câu 1\/\d+ — Mục I/);
    const [unknown] = await user.press('zz:hack');
    expect(unknown).toContain('/baocao');
    expect(user.replies().join('\n')).not.toContain('Dưới đây là nội dung hiện tại');
  });

  it('multiple choice has one rule: a button adds or removes one option, typed numbers are the whole choice, said aloud', async () => {
    const app = await startTestApp();
    try {
      // Sections I and III only, and straight to the multiple choice of III (as the review's buttons do).
      await app.app.store.models.Round.updateOne(
        { _id: 'annual-2026' },
        { $set: { sections: ['I', 'III'] } },
      );
      const code = await app.app.store.repos.invites.create({
        unitCode: 'ubnd',
        role: 'contact',
        expiresAt: app.clock.now().plus({ days: 1 }).toJSDate(),
        createdBy: 'test',
      });
      const user = new TelegramUser(app.telegram, 2002, 'Hương');
      await user.say(`/start ${code}`);
      await user.say('/baocao', 2);
      const [asked] = await user.press('f:e:cq_hinh_thuc_cong_khai');
      expect(asked).toContain('Các hình thức công khai đã sử dụng');
      expect(asked).toContain(
        'để chọn tất cả một lần; hoặc bấm nút từng phương án để thêm, bỏ từng cái, rồi gõ «Xong».',
      );
      const [pressed] = await user.press('f:m:cq_hinh_thuc_cong_khai:1');
      expect(pressed).toContain(
        'Đã chọn: Niêm yết tại trụ sở, nhà văn hóa khu phố. Chọn thêm, hoặc gõ «Xong»',
      );
      // No contradictory "send a new answer to replace it" next to "choose more".
      expect(pressed).not.toContain('Gửi câu trả lời mới để thay thế');
      expect(pressed).toContain(
        'Gõ các số để chọn lại từ đầu (thay cho các lựa chọn trên), hoặc gõ «Xong» để giữ nguyên.',
      );
      const [typed] = await user.say('2, 3');
      expect(typed).toContain(
        'Các số vừa gõ thay cho lựa chọn trước (Niêm yết tại trụ sở, nhà văn hóa khu phố).',
      );
      expect(typed).toContain('Đã ghi nhận: Hệ thống loa truyền thanh');
      expect(
        (await app.app.store.repos.answers.get('annual-2026:ubnd', 'cq_hinh_thuc_cong_khai'))?.value,
      ).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('refuses a file over the size limit, stating the limit', async () => {
    const small = await startTestApp({ env: { MAX_ATTACHMENT_MB: '0.002' } });
    try {
      // Only section VI (which ends with the attachment question) keeps this test short.
      await small.app.store.models.Round.updateOne({ _id: 'annual-2026' }, { $set: { sections: ['VI'] } });
      const code = await small.app.store.repos.invites.create({
        unitCode: 'ubnd',
        role: 'contact',
        expiresAt: small.clock.now().plus({ days: 1 }).toJSDate(),
        createdBy: 'test',
      });
      const user = new TelegramUser(small.telegram, 2001, 'Tú');
      await user.say(`/start ${code}`);
      await user.say('/baocao', 2);
      const flowVI = small.app.flows.require('bao-cao-dan-chu-co-so');
      let question = await currentQuestion(small.app, flowVI, user.id);
      while (question && question.type !== 'attachment') {
        await user.say(question.required ? 'Kiến nghị tăng kinh phí.' : 'bỏ qua');
        if (
          question.type === 'text' &&
          (await currentQuestion(small.app, flowVI, user.id))?.id === question.id
        )
          await user.say('xong');
        question = await currentQuestion(small.app, flowVI, user.id);
      }
      expect(question?.type).toBe('attachment');
      const [refused] = await user.sendDocument({
        file_id: 'big',
        file_name: 'lon.pdf',
        mime_type: 'application/pdf',
        bytes: Buffer.alloc(5000, 1),
      });
      expect(refused).toBe('Tệp quá lớn. Dung lượng tối đa cho phép là 2 KB.');
      const [accepted] = await user.sendDocument({
        file_id: 'ok',
        file_name: 'nho.pdf',
        mime_type: 'application/pdf',
        bytes: Buffer.from('%PDF'),
      });
      expect(accepted).toContain('nho.pdf');
      const stored = await small.app.store.repos.answers.get('annual-2026:ubnd', question!.id);
      expect(stored?.value).toEqual([
        expect.objectContaining({
          name: 'nho.pdf',
          size: 4,
          mimeType: 'application/pdf',
          sha256: expect.stringMatching(/^[a-f0-9]{64}$/),
        }),
      ]);
    } finally {
      await small.close();
    }
  });
});

describe('Telegram: webhook mode', () => {
  it('refuses requests without the secret and processes those with it', async () => {
    const secret = 'webhook-secret-1234567890';
    const hooked = await startTestApp({
      env: {
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram/webhook',
        TELEGRAM_WEBHOOK_SECRET: secret,
      },
    });
    try {
      expect(hooked.telegram.callsTo('setWebhook')[0]?.params).toMatchObject({ secret_token: secret });
      const url = `http://127.0.0.1:${hooked.app.httpAddress!.port}/telegram/webhook`;
      const update = {
        update_id: 777,
        message: {
          message_id: 1,
          date: Math.floor(DateTime.now().toSeconds()),
          chat: { id: 3001, type: 'private', first_name: 'Webhook' },
          from: { id: 3001, is_bot: false, first_name: 'Webhook' },
          text: '/start',
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        },
      };
      expect((await postWebhook(url, update)).status).toBe(401);
      expect((await postWebhook(url, update, 'wrong-secret-000000')).status).toBe(401);
      expect(hooked.telegram.sentMessages(3001)).toHaveLength(0);
      expect((await postWebhook(url, update, secret)).status).toBe(200);
      await hooked.telegram.waitForMessages(3001, 1);
      expect(hooked.telegram.sentMessages(3001)[0]?.text).toContain('cần mã mời');
    } finally {
      await hooked.close();
    }
  });
});
