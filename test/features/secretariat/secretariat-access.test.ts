import { vi } from '../../../src/conversation/common-texts';
import { sv } from '../../../src/features/secretariat/chat/secretariat-texts';
import { submissionId } from '../../../src/store/repositories';
import { Harness, SECRETARIAT, seedSubmitted, texts } from './secretariat-support';

/** Non-members must get a polite refusal and change nothing, whatever they send. */
describe('secretariat tools refuse everyone else', () => {
  let h: Harness;
  const id = submissionId('annual-2026', 'kp1');

  beforeAll(async () => {
    h = await Harness.open();
    await h.seedUnits();
    await h.annualRound();
    await seedSubmitted(
      h.repos,
      'annual-2026',
      'kp1',
      { i_dac_diem: 'Khu phố 1.' },
      new Date('2026-11-19T03:00:00Z'),
    );
  });
  afterAll(() => h.close());

  async function unchanged(): Promise<void> {
    expect((await h.repos.submissions.get(id))!.status).toBe('submitted');
    expect((await h.repos.rounds.list()).map((r) => r._id)).toEqual(['annual-2026']);
    expect((await h.repos.contacts.get('telegram:u-kp2'))!.active).toBe(true);
    const actions = (await h.repos.audit.list()).map((e) => e.action);
    expect(actions.filter((a) => !a.startsWith('answer.'))).toEqual([]);
    expect(h.notifications).toEqual([]);
    expect(h.remindCalls).toEqual([]);
  }

  test.each(['tinhhinh', 'xembc kp1', 'yeucau', 'nhac', 'xuat', 'donvi', 'moi'])(
    'a unit contact typing /%s is refused',
    async (command) => {
      const replies = await h.send('u-kp1', `/${command}`);
      expect(replies).toEqual([{ text: vi.secretariatOnly }]);
      await unchanged();
    },
  );

  test.each([
    'st:annual-2026',
    'sv:annual-2026:kp1',
    'sv:annual-2026:kp1:1',
    'sr:annual-2026:kp1',
    'sc:y',
    'sa:annual-2026:kp1',
    'sw:annual-2026:kp1',
    'sx:annual-2026',
    'sx:u:annual-2026',
    'sn:annual-2026',
    'sy:1',
    'su:kp1',
    'si:kp1',
    'sd:telegram:u-kp2',
    'sk:y:telegram:u-kp2',
  ])('forged button data %s from a unit contact is refused', async (data) => {
    const replies = await h.press('u-kp1', data);
    expect(replies).toEqual([{ text: sv.forbidden }]);
    expect(replies.some((r) => r.document)).toBe(false);
    await unchanged();
  });

  test('a forged wizard state in the session gets the unit nothing and is cleared', async () => {
    // Simulates a member whose role was withdrawn mid-wizard, or a tampered session.
    await h.send('u-kp1', '/trogiup');
    const session = (await h.repos.sessions.get('telegram:u-kp1'))!;
    await h.repos.sessions.save({
      ...session,
      pending: {
        type: 'sec-return-confirm',
        submissionId: id,
        unitName: 'Chi bộ Khu phố 1',
        reason: 'giả mạo',
      },
    });
    expect(await h.send('u-kp1', '1')).toEqual([{ text: sv.forbidden }]);
    expect((await h.repos.sessions.get('telegram:u-kp1'))!.pending).toBeNull();
    await h.repos.sessions.save({
      ...session,
      pending: { type: 'adhoc-request', step: 'confirm', title: 'x' },
    });
    expect(await h.send('u-kp1', '1')).toEqual([{ text: sv.forbidden }]);
    await unchanged();
  });

  test('a deactivated member is refused too, while an active one is served', async () => {
    await h.addContact('901', null, 'secretariat');
    expect(texts(await h.send('901', '/tinhhinh'))).toContain('TÌNH HÌNH NỘP BÁO CÁO');
    await h.repos.contacts.setActive('telegram:901', false);
    expect(texts(await h.send('901', '/tinhhinh'))).not.toContain('TÌNH HÌNH');
    expect(await h.press('901', 'sa:annual-2026:kp1')).not.toContainEqual({
      text: sv.accepted('Chi bộ Khu phố 1'),
    });
    expect((await h.repos.submissions.get(id))!.status).toBe('submitted');
    // The configured member still has the tools.
    expect(texts(await h.send(SECRETARIAT, '/tinhhinh'))).toContain('Đã nộp 1/4 đơn vị');
  });
});
