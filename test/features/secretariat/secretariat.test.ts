import type { Outbound } from '../../../src/conversation/messages';
import { sv } from '../../../src/features/secretariat/chat/secretariat-texts';
import { submissionId } from '../../../src/store/repositories';
import { buttonData, Harness, SECRETARIAT, texts } from './secretariat-support';

/** Runs the /yeucau wizard with typed answers; returns the new round's id. */
async function request(h: Harness, answers: string[]): Promise<string> {
  const before = new Set((await h.repos.rounds.list()).map((round) => round._id));
  await h.send(SECRETARIAT, '/yeucau');
  let last: Outbound[] = [];
  for (const answer of answers) last = await h.send(SECRETARIAT, answer);
  // The confirmation names the request by its title only: round ids are not for people to read.
  expect(texts(last)).not.toMatch(/dot-xuat/);
  const id = (await h.repos.rounds.list()).find((round) => !before.has(round._id))?._id;
  if (!id) throw new Error(`no round created:\n${texts(last)}`);
  return id;
}

const TO_KP1_KP2 = [
  'Báo cáo kết quả đối thoại',
  'Nêu số cuộc đối thoại đã tổ chức',
  '1',
  '3',
  '2, 3',
  '05/12/2026 17:00',
  '1',
];

/** A unit contact answers the ad-hoc flow through chat and submits. */
async function answerAndSubmit(
  h: Harness,
  user: string,
  content: string,
  figure: string,
): Promise<Outbound[]> {
  for (const message of ['/baocao', content, 'xong', figure, 'bỏ qua', 'bỏ qua', 'bỏ qua', '/nop']) {
    await h.send(user, message);
  }
  return h.press(user, 'n:y');
}

describe('secretariat in chat (real store, conversation router)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open();
    await h.seedUnits();
  });
  afterEach(() => h.close());

  test('a secretariat member sees statuses change as units answer and submit, late ones first', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    let board = texts(await h.send(SECRETARIAT, `/tinhhinh ${roundId}`));
    expect(board).toContain('Đã nộp 0/2 đơn vị');
    expect(board).toMatch(/Chi bộ Khu phố 1 \(kp1\) — chưa bắt đầu/);

    await h.send('u-kp1', '/baocao');
    await h.send('u-kp1', 'Đã tổ chức 2 cuộc đối thoại với Nhân dân.');
    await h.send('u-kp1', 'xong');
    board = texts(await h.send(SECRETARIAT, '/tinhhinh'));
    expect(board).toMatch(/Chi bộ Khu phố 1 \(kp1\) — đang soạn 1\/3/);

    h.at('2026-11-21T14:05:00');
    for (const m of ['5', 'bỏ qua', 'bỏ qua', 'bỏ qua', '/nop']) await h.send('u-kp1', m);
    await h.press('u-kp1', 'n:y');
    const replies = await h.send(SECRETARIAT, '/tinhhinh');
    board = texts(replies);
    expect(board).toContain('Đã nộp 1/2 đơn vị');
    expect(board).toMatch(/Chi bộ Khu phố 1 \(kp1\) — đã nộp 14:05 ngày 21\/11\/2026/);
    expect(buttonData(replies)).toContain(`sv:${roundId}:kp1`);
    // The secretariat was told at once, with a button to read the report.
    const notice = h.notificationsTo(SECRETARIAT).at(-1)!;
    expect(notice.text).toContain(
      '📥 Chi bộ Khu phố 1 đã nộp báo cáo "Báo cáo kết quả đối thoại" lúc 14:05 ngày 21/11/2026',
    );
    expect(buttonData([notice])).toEqual([`sv:${roundId}:kp1`]);

    // Past the deadline the unit that has not submitted is overdue and listed first.
    h.at('2026-12-05T18:00:00');
    board = texts(await h.send(SECRETARIAT, '/tinhhinh'));
    expect(board).toContain('quá hạn 1');
    const kp2 = board.indexOf('Chi bộ Khu phố 2 (kp2) — quá hạn (chưa bắt đầu)');
    expect(kp2).toBeGreaterThan(-1);
    expect(kp2).toBeLessThan(board.indexOf('Chi bộ Khu phố 1 (kp1)'));
  });

  test('an ad-hoc request reaches exactly its target units and shows up in their /baocao', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    expect(roundId).toMatch(/^dot-xuat-20261120-[a-z0-9]{4}$/);
    expect(h.notifications.map((n) => n.chatId).sort()).toEqual(['u-kp1', 'u-kp2']);
    const notice = h.notificationsTo('u-kp1')[0]!;
    expect(notice.text).toContain('Báo cáo kết quả đối thoại');
    expect(notice.text).toContain('gõ /baocao');
    expect(notice.text).toContain('trước 17:00 ngày 5/12/2026');
    expect(notice.buttons).toEqual([[{ label: sv.buttons.start, data: `r:${roundId}` }]]);

    const round = await h.repos.rounds.get(roundId);
    expect(round).toMatchObject({
      kind: 'dot-xuat',
      flowId: 'bao-cao-dot-xuat',
      targetUnitCodes: ['kp1', 'kp2'],
      reminderPlan: ['truoc-1', 'han', 'qua-1'],
      request: { title: 'Báo cáo kết quả đối thoại', instructions: 'Nêu số cuộc đối thoại đã tổ chức' },
      createdBy: `telegram:${SECRETARIAT}`,
    });
    expect(round!.dueAt.toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect((await h.repos.submissions.listByRound(roundId)).map((s) => s.unitCode).sort()).toEqual([
      'kp1',
      'kp2',
    ]);

    expect(texts(await h.send('u-kp2', '/baocao'))).toContain('Nêu số cuộc đối thoại đã tổ chức');
    expect(texts(await h.press('u-kp1', `r:${roundId}`))).toContain('📋 Báo cáo kết quả đối thoại');
    const ubnd = texts(await h.send('u-ubnd', '/baocao'));
    expect(ubnd).not.toContain('Báo cáo kết quả đối thoại');
    expect(texts(await h.press('u-ubnd', `r:${roundId}`))).toContain('không dành cho đơn vị');

    const audit = await h.repos.audit.list({ roundId });
    expect(audit.find((e) => e.action === 'request.created')).toMatchObject({
      actor: `telegram:${SECRETARIAT}`,
      channel: 'telegram',
      details: { targets: ['kp1', 'kp2'] },
    });
  });

  test('a request by unit kind on chosen sections of the main outline targets that kind only', async () => {
    const roundId = await request(h, [
      'Báo cáo đánh giá chung quý IV',
      'không',
      '2',
      'I, IV',
      '2',
      '5',
      '10/12/2026',
      '1',
    ]);
    const round = await h.repos.rounds.get(roundId);
    expect(round).toMatchObject({
      flowId: 'bao-cao-dan-chu-co-so',
      sections: ['I', 'IV'],
      targetKinds: ['to-chuc-dang'],
    });
    expect(round!.dueAt.toISOString()).toBe('2026-12-10T16:59:59.999Z');
    expect(h.notifications.map((n) => n.chatId).sort()).toEqual(['u-kp1', 'u-kp2']);
    const first = texts(await h.send('u-kp1', '/baocao'));
    expect(first).toContain('Mục I.');
    expect(first).not.toContain('Mục II');
  });

  test('a due date that does not exist or is past is refused with the reason, and the wizard waits for a valid one', async () => {
    await h.send(SECRETARIAT, '/yeucau');
    for (const answer of ['Báo cáo nhanh tình hình', 'không', '1', '1']) await h.send(SECRETARIAT, answer);
    expect(texts(await h.send(SECRETARIAT, '31/02/2027'))).toContain(
      'Ngày 31/2/2027 không có thật: tháng 2/2027 chỉ có 28 ngày.',
    );
    expect(texts(await h.send(SECRETARIAT, '19/11/2026'))).toContain('đã qua');
    expect(texts(await h.send(SECRETARIAT, '20/11/2026 08:30'))).toContain('đã qua');
    expect(texts(await h.send(SECRETARIAT, 'ngày mai'))).toContain('dd/mm/yyyy');
    const summary = texts(await h.send(SECRETARIAT, '27/11/2026'));
    expect(summary).toContain('Đơn vị phải báo cáo: tất cả 4 đơn vị');
    expect(texts(await h.send(SECRETARIAT, 'hủy'))).toBe(sv.cancelled);
    expect(await h.repos.rounds.list()).toEqual([]);
    expect(h.notifications).toEqual([]);
  });

  test('a return reopens the report keeping its answers; the resubmission is version 2 and version 1 stays readable', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    h.notifications = [];
    await answerAndSubmit(h, 'u-kp1', 'Nội dung lần đầu: đã đối thoại 2 cuộc.', '2');
    const id = submissionId(roundId, 'kp1');

    const view = await h.press(SECRETARIAT, `sv:${roundId}:kp1`);
    expect(texts(view)).toContain('Nộp lần 1');
    expect(texts(view)).toContain('Nội dung lần đầu: đã đối thoại 2 cuộc.');
    expect(buttonData(view)).toEqual(expect.arrayContaining([`sr:${roundId}:kp1:1`, `sa:${roundId}:kp1:1`]));

    expect(texts(await h.press(SECRETARIAT, `sr:${roundId}:kp1:1`))).toContain('nhập lý do');
    const confirm = await h.send(SECRETARIAT, 'Đề nghị bổ sung số lượt người tham dự đối thoại.');
    expect(texts(confirm)).toContain('Xác nhận trả lại');
    expect(texts(await h.press(SECRETARIAT, 'sc:y'))).toContain('Đã báo cho 1 người liên hệ');

    const returned = await h.repos.submissions.get(id);
    expect(returned).toMatchObject({
      status: 'returned',
      returnReason: 'Đề nghị bổ sung số lượt người tham dự đối thoại.',
      version: 1,
    });
    expect(h.notificationsTo('u-kp1')[0]!.text).toContain(
      'Lý do: Đề nghị bổ sung số lượt người tham dự đối thoại.',
    );
    expect((await h.repos.answers.listBySubmission(id)).map((a) => a.questionId).sort()).toEqual([
      'noi_dung',
      'so_lieu_1',
    ]);
    expect((await h.repos.audit.list({ roundId })).map((e) => e.action)).toContain('submission.returned');

    // The unit edits the returned report and submits again.
    expect(texts(await h.send('u-kp1', '/baocao'))).toContain('Đề nghị bổ sung số lượt người');
    await h.send('u-kp1', '/sua 1');
    await h.send('u-kp1', 'Nội dung lần hai: 2 cuộc, 130 lượt người tham dự.');
    await h.send('u-kp1', 'xong');
    await h.send('u-kp1', '/nop');
    expect(texts(await h.press('u-kp1', 'n:y'))).toContain('Số tiếp nhận: KP1 – đột xuất ');
    expect(texts(await h.send('u-kp1', '/nop'))).toMatch(
      /số tiếp nhận KP1 – đột xuất \d{8}-[A-Z0-9]{4} – lần 2/,
    );

    const versions = await h.repos.answers.listVersions(id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.answers.find((a) => a.questionId === 'noi_dung')!.value).toBe(
      'Nội dung lần đầu: đã đối thoại 2 cuộc.',
    );
    expect(versions[1]!.answers.find((a) => a.questionId === 'noi_dung')!.value).toBe(
      'Nội dung lần hai: 2 cuộc, 130 lượt người tham dự.',
    );

    const latest = await h.press(SECRETARIAT, `sv:${roundId}:kp1`);
    expect(texts(latest)).toContain('Nộp lần 2');
    expect(texts(latest)).toContain('Nội dung lần hai');
    expect(buttonData(latest)).toContain(`sv:${roundId}:kp1:1`);
    const first = texts(await h.press(SECRETARIAT, `sv:${roundId}:kp1:1`));
    expect(first).toContain('Nộp lần 1');
    expect(first).toContain('Nội dung lần đầu');

    // The buttons under version 1, pressed now, change nothing: version 2 has not been seen.
    expect(texts(await h.press(SECRETARIAT, `sa:${roundId}:kp1:1`))).toBe(
      sv.staleVersion('Chi bộ Khu phố 1', 2),
    );
    expect(texts(await h.press(SECRETARIAT, `sr:${roundId}:kp1:1`))).toBe(
      sv.staleVersion('Chi bộ Khu phố 1', 2),
    );
    expect((await h.repos.submissions.get(id))!.status).toBe('submitted');

    // Accepting marks it final; it cannot be accepted twice.
    expect(buttonData(latest)).toContain(`sa:${roundId}:kp1:2`);
    expect(texts(await h.press(SECRETARIAT, `sa:${roundId}:kp1:2`))).toBe(sv.accepted('Chi bộ Khu phố 1'));
    expect((await h.repos.submissions.get(id))!.status).toBe('accepted');
    expect(texts(await h.press(SECRETARIAT, `sa:${roundId}:kp1:2`))).toBe(
      sv.alreadyAccepted('Chi bộ Khu phố 1'),
    );
    const accepted = (await h.repos.audit.list({ roundId })).filter(
      (e) => e.action === 'submission.accepted',
    );
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({
      actor: `telegram:${SECRETARIAT}`,
      unitCode: 'kp1',
      details: { version: 2 },
    });
    expect(texts(await h.send(SECRETARIAT, '/tinhhinh'))).toMatch(/kp1\) — đã tiếp nhận/);
  });

  test('a submitted report is viewed in full with its attachments sent back as files', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    const pdf = Buffer.from('%PDF-1.4 biên bản đối thoại');
    for (const m of ['/baocao', 'Có biên bản kèm theo.', 'xong', 'bỏ qua']) await h.send('u-kp2', m);
    await h.sendFile('u-kp2', 'bien-ban-doi-thoai.pdf', pdf);
    await h.send('u-kp2', 'xong');
    await h.send('u-kp2', '/nop');
    await h.press('u-kp2', 'n:y');

    const view = await h.send(SECRETARIAT, `/xembc kp2 ${roundId}`);
    expect(texts(view)).toContain('bien-ban-doi-thoai.pdf');
    const documents = view.filter((r) => r.document);
    expect(documents).toHaveLength(1);
    expect(documents[0]!.document!.fileName).toBe('bien-ban-doi-thoai.pdf');
    expect(documents[0]!.document!.bytes.equals(pdf)).toBe(true);
    expect(texts(await h.send(SECRETARIAT, `/xembc kp1 ${roundId}`))).toContain('chưa nộp báo cáo đợt này');
  });

  test('/xuat sends the consolidated .docx and the .xlsx, and per-unit reports on request', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    await answerAndSubmit(h, 'u-kp1', 'Đã đối thoại.', '3');
    const replies = await h.send(SECRETARIAT, '/xuat');
    const names = replies.flatMap((r) => (r.document ? [r.document.fileName] : []));
    expect(names).toEqual([
      'bao-cao-ket-qua-doi-thoai-tong-hop.docx',
      'bao-cao-ket-qua-doi-thoai-so-lieu.xlsx',
    ]);
    expect(
      replies
        .find((r) => r.document)!
        .document!.bytes.subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const units = await h.press(SECRETARIAT, `sx:u:${roundId}`);
    expect(units.map((r) => r.document?.fileName)).toEqual([
      'bao-cao-ket-qua-doi-thoai-kp1-chi-bo-khu-pho-1.docx',
    ]);
  });

  test('/nhac asks the reminder service for a manual pass of the round', async () => {
    const roundId = await request(h, TO_KP1_KP2);
    expect(texts(await h.send(SECRETARIAT, '/nhac'))).toContain('Đã gửi nhắc nhở tới 2 người liên hệ');
    expect(h.remindCalls).toEqual([{ roundId, actorId: `telegram:${SECRETARIAT}` }]);
  });

  test('units, invitations and contacts are managed from chat, and every change is audited', async () => {
    const list = await h.send(SECRETARIAT, '/donvi');
    expect(texts(list)).toContain('Chi bộ Khu phố 1 (kp1) — 1 người liên hệ');
    expect(buttonData(list)).toContain('su:kp1');
    const detail = await h.press(SECRETARIAT, 'su:kp1');
    expect(buttonData(detail)).toEqual(['si:kp1', 'sd:telegram:u-kp1']);

    const invitation = texts(await h.press(SECRETARIAT, 'si:kp1'));
    const code = /Mã mời cho Chi bộ Khu phố 1: ([A-Za-z0-9_-]{16})/.exec(invitation)![1]!;
    expect(invitation).toContain(`https://t.me/phuong_hong_an_bot?start=${code}`);
    expect(invitation).toContain('bot Zalo');
    expect(texts(await h.send('new-kp1', `/start ${code}`))).toContain('Chi bộ Khu phố 1');
    expect(await h.repos.contacts.get('telegram:new-kp1')).toMatchObject({
      unitCode: 'kp1',
      role: 'contact',
    });

    expect(texts(await h.press(SECRETARIAT, 'sd:telegram:u-kp2'))).toContain('Ngừng liên kết');
    expect((await h.repos.contacts.get('telegram:u-kp2'))!.active).toBe(true);
    expect(texts(await h.press(SECRETARIAT, 'sk:y:telegram:u-kp2'))).toContain('Đã ngừng liên kết');
    expect((await h.repos.contacts.get('telegram:u-kp2'))!.active).toBe(false);

    const member = texts(await h.send(SECRETARIAT, '/moi'));
    const memberCode = /: ([A-Za-z0-9_-]{16})\n/.exec(member)![1]!;
    expect(member).toContain('thành viên Ban Xây dựng Đảng');
    await h.send('new-member', `/start ${memberCode}`);
    expect((await h.repos.contacts.get('telegram:new-member'))!.role).toBe('secretariat');
    expect(texts(await h.send('new-member', '/tinhhinh'))).toBe(sv.noRound);

    const actions = (await h.repos.audit.list()).map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `invite.created:telegram:${SECRETARIAT}`,
        'invite.used:telegram:new-kp1',
        `contact.deactivated:telegram:${SECRETARIAT}`,
        'invite.used:telegram:new-member',
      ]),
    );
  });
});
