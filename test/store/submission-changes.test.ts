import type { Store } from '../../src/store/connect';
import type { SubmissionDoc } from '../../src/store/models';
import { openSecondConnection, openTestStore } from '../support/store';

/**
 * A submission's status changes (submit, return, accept) decided by two processes at once (two
 * bot instances, or the bot and the CLI/dashboard): only one change per state wins, across
 * processes and on both stores, because each change first inserts a numbered change record.
 */
jest.setTimeout(60_000);

let one: Store & { dropAndClose(): Promise<void> };
let two: Store;

beforeAll(async () => {
  one = await openTestStore();
  two = await openSecondConnection(one);
});

afterAll(async () => {
  await two?.close();
  await one?.dropAndClose();
});

async function submitted(unitCode: string): Promise<string> {
  const doc = await one.repos.submissions.ensure({
    roundId: 'r1',
    unitCode,
    flowId: 'f',
    flowVersion: 1,
    totalCount: 1,
  });
  await one.repos.submissions.update(doc._id, () => ({ status: 'submitted', version: 1, receiptNo: 'R1' }));
  return doc._id;
}

const changedHere = (outcome: { before: SubmissionDoc; after: SubmissionDoc } | null) =>
  outcome !== null && outcome.before !== outcome.after;

it('of 20 returns and accepts of one submitted version, from two processes at once, exactly one wins', async () => {
  for (let round = 0; round < 3; round++) {
    const id = await submitted(`u-${round}`);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? one : two).repos.submissions.update(id, (current) =>
          current.status === 'submitted'
            ? i % 4 < 2
              ? { status: 'returned', returnReason: `lý do ${i}` }
              : { status: 'accepted' }
            : null,
        ),
      ),
    );
    const winners = outcomes.filter(changedHere);
    expect(winners).toHaveLength(1);
    const stored = await one.models.Submission.findById(id).lean<SubmissionDoc>();
    expect(stored!.status).toBe(winners[0]!.after.status);
  }
});

it('a change whose writer died after recording it is completed by the next change', async () => {
  const id = await submitted('u-crash');
  const current = await one.models.Submission.findById(id).lean<SubmissionDoc>();
  // As if a process recorded "returned" and was killed before writing it.
  await one.models.SubmissionChange.create({
    _id: `${id}:c${(current!.changeSeq ?? 0) + 1}`,
    submissionId: id,
    fields: { status: 'returned', returnReason: 'thiếu số liệu' },
    at: new Date(),
  });
  const outcome = await two.repos.submissions.update(id, (doc) =>
    doc.status === 'submitted' ? { status: 'accepted' } : null,
  );
  // The recorded return is completed first; the accept, decided on "returned", does nothing.
  expect(outcome!.after).toMatchObject({ status: 'returned', returnReason: 'thiếu số liệu' });
  expect(changedHere(outcome)).toBe(false);
});
