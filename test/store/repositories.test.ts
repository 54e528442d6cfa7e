import { openTestStore } from '../support/store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.dropAndClose();
});

const at = new Date('2026-11-26T03:00:00Z');

describe('units', () => {
  it('loads idempotently and updates a changed name', async () => {
    const units = [
      { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' as const, order: 2 },
      { code: 'hlhpn', name: 'Hội Liên hiệp Phụ nữ phường', kind: 'mat-tran' as const, order: 7 },
    ];
    expect(await store.repos.units.upsertMany(units)).toEqual({
      created: ['ubnd', 'hlhpn'],
      updated: [],
      unchanged: [],
    });
    expect(await store.repos.units.upsertMany(units)).toEqual({
      created: [],
      updated: [],
      unchanged: ['ubnd', 'hlhpn'],
    });
    const renamed = [{ ...units[0]!, name: 'UBND phường Hồng An' }, units[1]!];
    expect(await store.repos.units.upsertMany(renamed)).toEqual({
      created: [],
      updated: ['ubnd'],
      unchanged: ['hlhpn'],
    });
    expect((await store.repos.units.get('ubnd'))?.name).toBe('UBND phường Hồng An');
    expect((await store.repos.units.list()).map((unit) => unit._id)).toEqual(['ubnd', 'hlhpn']);
  });
});

describe('reminder ledger', () => {
  it('rejects a second identical entry with duplicate-key code 11000', async () => {
    const entry = {
      roundId: 'annual-2026',
      stage: 'truoc-7',
      recipientId: 'telegram:1',
      unitCode: 'ubnd',
      kind: 'unit',
      at,
    };
    expect(await store.repos.reminders.claim(entry)).toBe(true);
    expect(await store.repos.reminders.claim(entry)).toBe(false);
    // The compound unique index holds even for a document written under another _id.
    await expect(
      store.models.ReminderLedger.create({ _id: 'other-id', ...entry, status: 'sent', createdAt: at }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const entry = {
      roundId: 'annual-2026',
      stage: 'han',
      recipientId: 'telegram:2',
      unitCode: 'ubnd',
      kind: 'unit',
      at,
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => store.repos.reminders.claim(entry)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });
});

describe('processed updates', () => {
  it('sees an update id once', async () => {
    expect(await store.repos.processedUpdates.markFirstSeen('telegram', 42, at)).toBe(true);
    expect(await store.repos.processedUpdates.markFirstSeen('telegram', 42, at)).toBe(false);
    expect(await store.repos.processedUpdates.markFirstSeen('zalo', 42, at)).toBe(true);
    expect(await store.repos.processedUpdates.purgeOlderThan(new Date(at.getTime() + 1))).toBe(2);
    expect(await store.repos.processedUpdates.markFirstSeen('telegram', 42, at)).toBe(true);
  });
});

describe('submissions', () => {
  const input = {
    roundId: 'annual-2026',
    unitCode: 'ubnd',
    flowId: 'bao-cao-dan-chu-co-so',
    flowVersion: 1,
    totalCount: 20,
  };

  it('makes two submissions for the same unit and round impossible', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.repos.submissions.ensure(input)),
    );
    expect(new Set(results.map((submission) => submission._id))).toEqual(new Set(['annual-2026:ubnd']));
    expect(await store.models.Submission.countDocuments({ roundId: 'annual-2026', unitCode: 'ubnd' })).toBe(
      1,
    );
    await expect(store.models.Submission.create({ _id: 'annual-2026:ubnd', ...input })).rejects.toMatchObject(
      {
        code: 11000,
      },
    );
  });

  it('raises the answer revision once per recorded change, even when changes come at once', async () => {
    const id = 'annual-2026:ubnd';
    const before = (await store.repos.submissions.get(id))!.answersRev;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        store.repos.submissions.recordAnswers(id, { answeredCount: index + 1, totalCount: 20 }),
      ),
    );
    expect(results.map((submission) => submission!.answersRev).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => before + index + 1),
    );
    expect((await store.repos.submissions.get(id))!.answersRev).toBe(before + 12);
  });

  it('never applies the same update twice to an answer, even a long-text piece handled again after a crash', async () => {
    const base = {
      submissionId: 'annual-2026:ubnd',
      questionId: 'q-text',
      by: 'telegram:1',
      channel: 'telegram',
      at,
    };
    await store.repos.answers.save({
      ...base,
      value: 'Phần một.',
      firstAnswer: true,
      updateKey: 'telegram:10',
    });
    const piece = { ...base, value: 'Phần hai.', append: true, updateKey: 'telegram:11' };
    expect((await store.repos.answers.save(piece)).alreadyApplied).toBeUndefined();
    expect((await store.repos.answers.save(piece)).alreadyApplied).toBe(true);
    expect((await store.repos.answers.get('annual-2026:ubnd', 'q-text'))?.value).toBe('Phần một.\nPhần hai.');
  });

  it('answers a question first with one insert, and falls back to replacing when it was answered meanwhile', async () => {
    const base = {
      submissionId: 'annual-2026:ubnd',
      questionId: 'q-first',
      by: 'telegram:1',
      channel: 'telegram',
    };
    const first = await store.repos.answers.save({ ...base, value: 3, firstAnswer: true, at });
    expect(first).toMatchObject({ answer: { value: 3, revision: 1 }, previous: null });
    const second = await store.repos.answers.save({ ...base, value: 5, firstAnswer: true, at });
    expect(second).toMatchObject({ answer: { value: 5, revision: 2 }, previous: { value: 3 } });
    const revisions = await store.repos.answers.listRevisions('annual-2026:ubnd');
    expect(revisions.filter((revision) => revision.questionId === 'q-first')).toEqual([
      expect.objectContaining({ questionId: 'q-first', value: 3 }),
    ]);
    const many = await store.repos.answers.getMany('annual-2026:ubnd', ['q-first', 'q-none']);
    expect(many.map((answer) => [answer.questionId, answer.value])).toEqual([['q-first', 5]]);
  });

  it('freezes each submitted version once', async () => {
    const version = {
      submissionId: 'annual-2026:ubnd',
      roundId: 'annual-2026',
      unitCode: 'ubnd',
      version: 1,
      flowId: 'bao-cao-dan-chu-co-so',
      flowVersion: 1,
      answers: [{ questionId: 'q1', value: 'Nội dung', by: 'telegram:1', at }],
      receiptNo: 'BC-1',
      submittedBy: 'telegram:1',
      channel: 'telegram',
      submittedAt: at,
    };
    expect(await store.repos.answers.freezeVersion(version)).toBe('created');
    expect(await store.repos.answers.freezeVersion(version)).toBe('exists');
    expect((await store.repos.answers.getVersion('annual-2026:ubnd', 1))?.answers[0]?.value).toBe('Nội dung');
  });
});

describe('answers', () => {
  const base = { submissionId: 'annual-2026:hlhpn', by: 'telegram:7', channel: 'telegram', at };

  it('keeps one document per question with its revision history', async () => {
    await store.repos.answers.save({ ...base, questionId: 'so_hoi_nghi', value: 3 });
    const second = await store.repos.answers.save({
      ...base,
      questionId: 'so_hoi_nghi',
      value: 4,
      by: 'zalo:9',
      channel: 'zalo',
    });
    expect(second.previous?.value).toBe(3);
    const answer = await store.repos.answers.get(base.submissionId, 'so_hoi_nghi');
    expect(answer).toMatchObject({ value: 4, by: 'zalo:9', channel: 'zalo', revision: 2 });
    const history = await store.repos.answers.listRevisions(base.submissionId);
    expect(history.map((revision) => revision.value)).toEqual([3]);
  });

  it('appends the pieces of a long text and stores Vietnamese text intact', async () => {
    await store.repos.answers.save({ ...base, questionId: 'tinh_hinh', value: 'Phường có 12 khu phố.' });
    const joined = await store.repos.answers.save({
      ...base,
      questionId: 'tinh_hinh',
      value: 'Đời sống Nhân dân ổn định.',
      append: true,
    });
    expect(joined.answer.value).toBe('Phường có 12 khu phố.\nĐời sống Nhân dân ổn định.');
  });

  it('clears an answer and records the clearing in the history', async () => {
    await store.repos.answers.clear({ ...base, questionId: 'so_hoi_nghi' });
    expect(await store.repos.answers.get(base.submissionId, 'so_hoi_nghi')).toBeNull();
    const values = (await store.repos.answers.listRevisions(base.submissionId))
      .filter((revision) => revision.questionId === 'so_hoi_nghi')
      .map((revision) => revision.value);
    expect(values).toEqual([3, 4, null]);
  });
});

describe('invites', () => {
  it('stores only a hash and can be used once', async () => {
    const code = await store.repos.invites.create({
      unitCode: 'ubnd',
      role: 'contact',
      expiresAt: new Date(at.getTime() + 86_400_000),
      createdBy: 'cli',
    });
    expect(code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await store.models.Invite.countDocuments({ _id: code })).toBe(0);
    const results = await Promise.all([
      store.repos.invites.redeem(code, 'telegram:1', at),
      store.repos.invites.redeem(code, 'telegram:2', at),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, reason: 'used' });
  });

  it('refuses unknown and expired codes', async () => {
    expect(await store.repos.invites.redeem('khong-co-ma-nay', 'telegram:1', at)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const code = await store.repos.invites.create({
      unitCode: 'ubnd',
      role: 'contact',
      expiresAt: new Date(at.getTime() - 1),
      createdBy: 'cli',
    });
    expect(await store.repos.invites.redeem(code, 'telegram:1', at)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('contacts', () => {
  it('links a platform account to one unit and moves it when linked again', async () => {
    const link = {
      platform: 'telegram' as const,
      userId: '501',
      chatId: '501',
      displayName: 'Chị Lan',
      role: 'contact' as const,
    };
    await store.repos.contacts.link({ ...link, unitCode: 'ubnd' });
    await store.repos.contacts.link({ ...link, unitCode: 'hlhpn' });
    expect(await store.repos.contacts.listByUnit('ubnd')).toEqual([]);
    expect((await store.repos.contacts.listByUnit('hlhpn')).map((contact) => contact._id)).toEqual([
      'telegram:501',
    ]);
  });

  it('keeps the secretariat role when a member is also linked to a unit', async () => {
    const link = { platform: 'zalo' as const, userId: 'z1', chatId: 'z1', displayName: 'Anh Minh' };
    await store.repos.contacts.link({ ...link, unitCode: null, role: 'secretariat' });
    const linked = await store.repos.contacts.link({ ...link, unitCode: 'bxdd', role: 'contact' });
    expect(linked).toMatchObject({ role: 'secretariat', unitCode: 'bxdd' });
  });
});

describe('audit log', () => {
  it('records who did what, when and through which channel', async () => {
    await store.repos.audit.record({
      at,
      actor: 'telegram:1',
      channel: 'telegram',
      action: 'answer.saved',
      roundId: 'annual-2026',
      unitCode: 'ubnd',
      details: { questionId: 'q1', old: null, new: 'Có' },
    });
    const events = await store.repos.audit.list({ unitCode: 'ubnd' });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'answer.saved',
        details: { questionId: 'q1', old: null, new: 'Có' },
      }),
    ]);
  });
});

describe('audit log order', () => {
  it('returns the latest events first when asked, for long trails', async () => {
    for (let minute = 0; minute < 5; minute++) {
      await store.repos.audit.record({
        at: new Date(at.getTime() + minute * 60_000),
        actor: 'cli',
        channel: 'cli',
        action: 'answer.saved',
        roundId: 'audit-order',
        details: { step: minute },
      });
    }
    const latest = await store.repos.audit.list({ roundId: 'audit-order', limit: 2, newestFirst: true });
    expect(latest.map((event) => event.details.step)).toEqual([4, 3]);
    const oldest = await store.repos.audit.list({ roundId: 'audit-order', limit: 2 });
    expect(oldest.map((event) => event.details.step)).toEqual([0, 1]);
  });
});

describe('unit preset answers', () => {
  it('updates a unit whose preset answers changed, and only then', async () => {
    const unit = {
      code: 'preset-unit',
      name: 'Đơn vị điền sẵn',
      kind: 'mat-tran' as const,
      presetAnswers: { mt_to_chuc: 'ccb' },
    };
    expect((await store.repos.units.upsertMany([unit])).created).toEqual(['preset-unit']);
    expect((await store.repos.units.upsertMany([unit])).unchanged).toEqual(['preset-unit']);
    const changed = { ...unit, presetAnswers: { mt_to_chuc: 'phu-nu' } };
    expect((await store.repos.units.upsertMany([changed])).updated).toEqual(['preset-unit']);
    expect((await store.repos.units.get('preset-unit'))?.presetAnswers).toEqual({ mt_to_chuc: 'phu-nu' });
  });
});
