import type { Store } from '../../src/store/connect';
import { annualRound2026 } from '../support/rounds';
import { openSecondConnection, openTestStore } from '../support/store';

/**
 * Exemptions of one round set at once from two processes (the dashboard on the bot, the CLI):
 * each is a change of the round's document, which the embedded store rewrites whole without a
 * lock; under the round's store lease none is lost, on both stores.
 */
jest.setTimeout(60_000);

let one: Store & { dropAndClose(): Promise<void> };
let two: Store;

beforeAll(async () => {
  one = await openTestStore();
  two = await openSecondConnection(one);
  await one.repos.rounds.ensure(annualRound2026());
});

afterAll(async () => {
  await two?.close();
  await one?.dropAndClose();
});

it('keeps every one of 20 exemptions set at once from two connections, and lifts them all the same way', async () => {
  const units = Array.from({ length: 20 }, (_, i) => `dv-${i + 1}`);
  const set = (exempt: boolean) =>
    Promise.all(
      units.map((unit, i) => (i % 2 === 0 ? one : two).repos.rounds.setExempt('annual-2026', unit, exempt)),
    );
  await set(true);
  const exempted = await one.models.Round.findById('annual-2026').lean();
  expect([...exempted!.exemptUnitCodes].sort()).toEqual([...units].sort());
  await set(false);
  expect((await one.models.Round.findById('annual-2026').lean())!.exemptUnitCodes).toEqual([]);
});
