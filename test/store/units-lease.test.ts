import type { Store } from '../../src/store/connect';
import type { UnitInput } from '../../src/store/repositories/units';
import { StoreLeaseBusyError } from '../../src/store/store-lease';
import { openSecondConnection, openTestStore } from '../support/store';

/**
 * Loading units from two processes at once (two `units:load`, or one and a starting bot): each
 * load runs whole under the `units` store lease (a unique insert, atomic on both stores), so the
 * units end up as one file or the other says, never a mix, and neither load fails.
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

function file(label: string): UnitInput[] {
  return Array.from({ length: 12 }, (_, i) => ({
    code: `dv-${String(i + 1).padStart(2, '0')}`,
    name: `Đơn vị ${i + 1} (${label})`,
    kind: 'to-chuc-dang' as const,
  }));
}

it('two loads at once from two connections: both succeed, one after the other, never mixed', async () => {
  for (const [first, second] of [
    ['A', 'B'],
    ['C', 'D'],
    ['E', 'F'],
  ] as const) {
    const [a, b] = await Promise.all([
      one.repos.units.upsertMany(file(first)),
      two.repos.units.upsertMany(file(second)),
    ]);
    const labels = new Set((await one.repos.units.list()).map((unit) => /\((\w)\)$/.exec(unit.name)?.[1]));
    expect(labels.size).toBe(1);
    // The one that ran second saw all of the first one's units and changed each of them.
    const changed = [a, b].map((r) => r.created.length + r.updated.length);
    expect(changed).toEqual([12, 12]);
  }
  expect(await one.models.StoreLease.countDocuments()).toBe(0);
});

it('breaks the lease of a holder that stopped renewing it, and waits for a live one', async () => {
  const dead = { _id: 'units', holder: 'killed-cli', what: 'units:load', at: new Date(Date.now() - 60_000) };
  await one.models.StoreLease.create(dead);
  const result = await two.repos.units.upsertMany(file('G'), { staleMs: 30_000 });
  expect(result.updated).toHaveLength(12);

  await one.models.StoreLease.create({ ...dead, holder: 'live-cli', at: new Date() });
  await expect(two.repos.units.upsertMany(file('H'), { waitMs: 500 })).rejects.toBeInstanceOf(
    StoreLeaseBusyError,
  );
  expect((await one.repos.units.list()).every((unit) => unit.name.endsWith('(G)'))).toBe(true);
  await one.models.StoreLease.deleteOne({ _id: 'units' });
});
