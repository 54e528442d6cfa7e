import pino from 'pino';
import { vi } from '../../src/conversation/common-texts';
import type { ReportService } from '../../src/features/report/report-service';
import { sv } from '../../src/features/secretariat/chat/secretariat-texts';
import { submissionId } from '../../src/store/repositories';
import { Harness, SECRETARIAT, seedSubmitted, texts } from '../features/secretariat/secretariat-support';

/**
 * What reaches the bot is not always what it sent: button data can be forged or garbled, and the
 * pending state stored in a chat session can be corrupted or written by an older version. Each is
 * answered in Vietnamese with what to do, logged with the update, and never crashes the chat.
 */
const records: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void records.push(JSON.parse(line)) });
/** Set by a test to make the report journey's engine step fail (a bug the engine might meet). */
let breakAnswers = false;

let h: Harness;
const id = submissionId('annual-2026', 'kp1');

beforeAll(async () => {
  h = await Harness.open({}, undefined, {
    logger,
    reports: (service): ReportService => ({
      ...service,
      cursor: async (roundId, unitCode) => {
        const current = await service.cursor(roundId, unitCode);
        if (!current || !breakAnswers) return current;
        const answers = {
          get() {
            throw new Error('broken answers');
          },
        } as unknown as typeof current.context.answers;
        return { ...current, context: { ...current.context, answers } };
      },
    }),
  });
  await h.seedUnits();
  await h.annualRound();
  await seedSubmitted(
    h.repos,
    'annual-2026',
    'kp2',
    { i_dac_diem: 'Khu phố 2.' },
    new Date('2026-11-19T03:00:00Z'),
  );
});
afterAll(() => h.close());
beforeEach(() => {
  records.length = 0;
  breakAnswers = false;
});

const logged = (msg: string) => records.filter((r) => r.msg === msg);

async function setPending(userId: string, pending: unknown): Promise<void> {
  const session = (await h.repos.sessions.get(`telegram:${userId}`))!;
  await h.repos.sessions.save({ ...session, pending });
}

describe('forged or garbled button data', () => {
  test.each(['r:', 'r:hai từ', 'n:maybe', `r:${'x'.repeat(70)}`])(
    '%s from a unit contact gets the stale-button message and changes nothing',
    async (data) => {
      const replies = await h.press('u-kp1', data);
      expect(replies).toEqual([{ text: vi.staleButton }]);
      expect((await h.repos.submissions.get(id))?.status ?? 'not_started').not.toBe('submitted');
      expect(logged('malformed button data ignored')[0]).toMatchObject({
        data,
        update_id: expect.any(String),
        platform: 'telegram',
        chat: 'u-kp1',
      });
    },
  );

  test.each([
    'sv:annual-2026',
    'sa:annual-2026:kp2:one',
    'sk:x:telegram:u-kp2',
    'sx:u:annual-2026:extra',
    'sy:hủy',
  ])('%s from a member gets the stale-button message and changes nothing', async (data) => {
    expect(await h.press(SECRETARIAT, data)).toEqual([{ text: vi.staleButton }]);
    expect((await h.repos.submissions.get(submissionId('annual-2026', 'kp2')))!.status).toBe('submitted');
    expect((await h.repos.contacts.get('telegram:u-kp2'))!.active).toBe(true);
  });

  it('refuses a forged secretariat button from a unit contact before reading its data', async () => {
    expect(await h.press('u-kp1', 'sv:garbled')).toEqual([{ text: sv.forbidden }]);
  });

  it('answers data of no known kind, and logs it', async () => {
    expect(await h.press('u-kp1', 'zz:hack')).toEqual([{ text: vi.staleButton }]);
    expect(logged('button data of no known kind ignored')[0]).toMatchObject({
      data: 'zz:hack',
      chat: 'u-kp1',
    });
  });
});

describe('a corrupted pending state in the store', () => {
  test.each([
    ['a round choice without its rounds', { type: 'choose-round', roundIds: 'annual-2026' }],
    ['a submit confirmation without its report', { type: 'confirm-submit' }],
    ['a pause with a stray field of the wrong type', { type: 'paused', since: 5 }],
  ])('%s: dropped with a message, and the chat works again', async (_what, pending) => {
    await h.send('u-kp1', '/trogiup');
    await setPending('u-kp1', pending);
    const replies = await h.send('u-kp1', '1');
    // A stray field is no harm: only what the state needs is checked.
    if ((pending as { type: string }).type === 'paused') {
      expect(replies.length).toBeGreaterThan(0);
      expect(texts(replies)).not.toContain(vi.pendingInvalid);
      return;
    }
    expect(replies).toEqual([{ text: vi.pendingInvalid }]);
    expect((await h.repos.sessions.get('telegram:u-kp1'))!.pending).toBeNull();
    expect(logged('invalid pending state dropped')[0]).toMatchObject({
      pendingType: (pending as { type: string }).type,
      platform: 'telegram',
      chat: 'u-kp1',
    });
    expect(texts(await h.send('u-kp1', '/baocao'))).toContain('Báo cáo năm 2026');
  });

  it('a submit button pressed over a corrupted confirmation submits nothing', async () => {
    await h.send('u-kp1', '/baocao');
    await setPending('u-kp1', { type: 'confirm-submit', submissionId: 42 });
    expect(await h.press('u-kp1', 'n:y')).toEqual([{ text: vi.staleButton }]);
    expect((await h.repos.submissions.get(id))!.status).not.toBe('submitted');
  });

  test.each([
    [
      'a wizard at its summary with no deadline',
      { type: 'adhoc-request', step: 'confirm', title: 'Báo cáo x' },
    ],
    ['a wizard at an unknown step', { type: 'adhoc-request', step: 'lunch' }],
    [
      'a return confirmation without its reason',
      { type: 'sec-return-confirm', submissionId: 'annual-2026:kp2', unitName: 'Chi bộ Khu phố 2' },
    ],
  ])('%s: a member gets the message, nothing is sent or returned', async (_what, pending) => {
    await h.send(SECRETARIAT, '/trogiup');
    await setPending(SECRETARIAT, pending);
    expect(await h.send(SECRETARIAT, '1')).toEqual([{ text: vi.pendingInvalid }]);
    expect((await h.repos.sessions.get(`telegram:${SECRETARIAT}`))!.pending).toBeNull();
    expect((await h.repos.rounds.list()).map((r) => r._id)).toEqual(['annual-2026']);
    expect((await h.repos.submissions.get(submissionId('annual-2026', 'kp2')))!.status).toBe('submitted');
    expect(texts(await h.send(SECRETARIAT, '/tinhhinh'))).toContain('TÌNH HÌNH NỘP BÁO CÁO');
  });

  it('a pending state of no known kind (or no state at all) is forgotten and the message handled as usual', async () => {
    await h.send('u-kp1', '/baocao');
    // Typed text goes to the pending state first: here it goes on to the report, as without one.
    await setPending('u-kp1', { type: 'old-feature', step: 2 });
    expect(texts(await h.send('u-kp1', 'Khu phố có 300 hộ.'))).not.toContain(vi.pendingInvalid);
    expect(logged('pending state of no known kind dropped')[0]).toMatchObject({ pendingType: 'old-feature' });
    expect((await h.repos.sessions.get('telegram:u-kp1'))!.pending).toBeNull();
    await setPending('u-kp1', 'garbage');
    expect(texts(await h.send('u-kp1', 'Có 12 đảng viên.'))).not.toContain(vi.pendingInvalid);
    expect((await h.repos.sessions.get('telegram:u-kp1'))!.pending).toBeNull();
  });
});

describe('a fault in the engine', () => {
  it('is logged with the update, the platform and the chat; the contact gets a notice', async () => {
    await h.send('u-kp1', '/baocao');
    breakAnswers = true;
    const replies = await h.send('u-kp1', 'Khu phố có 320 hộ.');
    expect(replies.length).toBeGreaterThan(0);
    const [fault] = logged('report step failed; the contact was told and kept at a valid question');
    expect(fault).toMatchObject({
      level: 50,
      update_id: expect.any(String),
      platform: 'telegram',
      chat: 'u-kp1',
      submission: id,
      err: { message: 'broken answers' },
    });
  });
});
