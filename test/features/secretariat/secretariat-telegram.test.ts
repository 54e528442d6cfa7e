import { createTelegramChannel, type TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import type { ChannelSender, Platform } from '../../../src/conversation/messages';
import { HttpServer } from '../../../src/http/server';
import { type FakeTelegramApi, startFakeTelegramApi } from '../../support/fake-telegram-api';
import { silentLogger } from '../../support/store';
import { TelegramUser } from '../../support/telegram-user';
import { Harness, SECRETARIAT } from './secretariat-support';

const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';

/**
 * End to end through grammY and the fake Bot API: the secretariat's request reaches the units'
 * Telegram chats, a unit answers by pressing and typing, and the exports arrive as files.
 */
describe('secretariat through Telegram', () => {
  let h: Harness;
  let telegram: FakeTelegramApi;
  let channel: TelegramChannel;

  beforeAll(async () => {
    telegram = await startFakeTelegramApi({ username: 'phuong_hong_an_bot' });
    const senders = new Map<Platform, ChannelSender>();
    h = await Harness.open({ telegramUsername: () => channel?.username }, senders);
    // Telegram user ids are numbers: contacts by number here.
    await h.repos.units.upsertMany([
      { code: 'kp1', name: 'Chi bộ Khu phố 1', kind: 'to-chuc-dang' },
      { code: 'kp2', name: 'Chi bộ Khu phố 2', kind: 'to-chuc-dang' },
      { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' },
    ]);
    await h.addContact('101', 'kp1');
    await h.addContact('102', 'kp2');
    await h.addContact('103', 'ubnd');
    channel = createTelegramChannel({
      token: TOKEN,
      apiRoot: telegram.apiRoot,
      webhook: undefined,
      conversation: h.conversation,
      logger: silentLogger,
      http: new HttpServer(silentLogger),
      maxDownloadBytes: 20 * 1024 * 1024,
    });
    await channel.start();
    senders.set('telegram', channel.sender);
  });
  afterAll(async () => {
    await channel.stop();
    await telegram.close();
    await h.close();
  });

  test('request by button, unit answers and submits, board and exports in chat, unit contact refused', async () => {
    // The configured secretariat id of the harness is "900".
    const secretariat = new TelegramUser(telegram, Number(SECRETARIAT), 'Thư ký');
    const kp1 = new TelegramUser(telegram, 101, 'Lan');
    const ubnd = new TelegramUser(telegram, 103, 'Minh');

    await secretariat.say('/yeucau');
    await secretariat.say('Báo cáo công tác hòa giải năm 2026');
    await secretariat.say('Nêu số vụ việc hòa giải thành');
    await secretariat.press('sy:1');
    expect(secretariat.lastButtons().map(([, data]) => data)).toEqual(['sy:1', 'sy:2', 'sy:3']);
    await secretariat.press('sy:2');
    await secretariat.say('5');
    expect(secretariat.lastReply()).toContain('Bước 5/6');
    await secretariat.say('31/02/2027');
    expect(secretariat.replies().at(-2)).toContain('không có thật');
    await secretariat.say('05/12/2026');
    expect(secretariat.lastReply()).toContain('2 đơn vị thuộc loại hình Tổ chức đảng trực thuộc Đảng ủy');
    // A date alone means the end of that day, and every message names that day (5/12, not 6/12).
    expect(secretariat.lastReply()).toContain('Hạn nộp: hết ngày 5/12/2026 (thứ Bảy)');
    await secretariat.press('sy:1');
    expect(secretariat.lastReply()).toContain('tới 2 đơn vị');

    // Only the two party cells were told, with a button that opens the round.
    await telegram.waitForMessages(102, 1);
    expect(telegram.sentMessages(103)).toEqual([]);
    const [[, start]] = kp1.lastButtons() as [[string, string]];
    expect(start).toMatch(/^r:dot-xuat-20261120-[a-z0-9]{4}$/);
    expect(telegram.sentMessages(101).at(-1)?.text).toContain('Hạn nộp: hết ngày 5/12/2026 (thứ Bảy)');
    const entered = (await kp1.press(start, 2)).join('\n');
    expect(entered).toContain('Hạn nộp: hết ngày 5/12/2026 (thứ Bảy).');
    expect(entered).toContain('Nêu số vụ việc hòa giải thành');
    expect(entered).not.toContain('6/12');
    await kp1.say('Đã hòa giải thành 4 vụ việc.');
    await kp1.press('f:x:noi_dung');
    await kp1.say('4');
    await kp1.say('bỏ qua');
    await kp1.say('bỏ qua');
    await kp1.say('bỏ qua');
    await kp1.say('/nop');
    expect(await kp1.press('n:y')).toEqual([expect.stringContaining('Đã nộp báo cáo')]);

    const board = (await secretariat.say('/tinhhinh', 2)).join('\n');
    expect(board).toContain('Đã nộp 1/2 đơn vị');
    expect(board).toContain('Hạn nộp: hết ngày 5/12/2026 (thứ Bảy).');
    expect(board).toMatch(/Chi bộ Khu phố 1 \(kp1\) — đã nộp 09:00 ngày 20\/11\/2026/);

    const documentsBefore = telegram.callsTo('sendDocument').length;
    await secretariat.say('/xuat', 2);
    await telegram.waitFor(() => telegram.callsTo('sendDocument').length >= documentsBefore + 2);
    const names = telegram
      .callsTo('sendDocument')
      .slice(documentsBefore)
      .map(
        (call) => JSON.stringify(call).match(/bao-cao-cong-tac-hoa-giai-nam-2026-[a-z-]+\.(docx|xlsx)/)?.[0],
      );
    expect(names).toEqual([
      'bao-cao-cong-tac-hoa-giai-nam-2026-tong-hop.docx',
      'bao-cao-cong-tac-hoa-giai-nam-2026-so-lieu.xlsx',
    ]);

    expect(await ubnd.say('/tinhhinh')).toEqual([expect.stringContaining('chỉ dành cho Ban Xây dựng Đảng')]);
    expect(await ubnd.press('sa:x:kp1')).toEqual([expect.stringContaining('chỉ dành cho Ban Xây dựng Đảng')]);
  });
});
