import { KeyedLock } from '../../src/store/keyed-lock';
import { ReferenceCache } from '../../src/store/reference-cache';
import { createRepositories } from '../../src/store/repositories';
import { createUnitRepository } from '../../src/store/repositories/units';
import { openTestStore } from '../support/store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.dropAndClose();
});

const unit = { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' as const };

it('serves repeated reads from memory and sees its own writes at once', async () => {
  const { repos, models } = store;
  await repos.units.upsertMany([unit]);
  const reads: string[] = [];
  const cache = new ReferenceCache(models.StoreMeta, 60_000);
  const load = async () => {
    reads.push('unit');
    return models.Unit.findById('ubnd').lean().exec();
  };
  await cache.get('unit:ubnd', load);
  await cache.get('unit:ubnd', load);
  expect(reads).toHaveLength(1);

  await repos.units.upsertMany([{ ...unit, name: 'UBND phường Hồng An' }]);
  expect((await repos.units.get('ubnd'))?.name).toBe('UBND phường Hồng An');
});

it('hands out copies: a caller changing its copy changes nothing cached', async () => {
  const first = await store.repos.units.get('ubnd');
  first!.name = 'sửa tại chỗ';
  expect((await store.repos.units.get('ubnd'))?.name).toBe('UBND phường Hồng An');
  expect((await store.repos.units.get('ubnd'))?.createdAt).toBeInstanceOf(Date);
});

it("sees another process's change once its staleness window has passed", async () => {
  // Two sets of repositories on one database stand for the bot and a CLI command.
  let now = 0;
  const botCache = new ReferenceCache(store.models.StoreMeta, 1_000, () => now);
  const bot = { units: createUnitRepository(store.models, botCache) };
  const cli = createRepositories(store.models, new KeyedLock());

  expect((await bot.units.get('ubnd'))?.active).toBe(true);
  await cli.units.setActive('ubnd', false);
  now = 500;
  expect((await bot.units.get('ubnd'))?.active).toBe(true); // within the window: the copy
  now = 1_600;
  expect((await bot.units.get('ubnd'))?.active).toBe(false); // the epoch changed: read again
  await cli.units.setActive('ubnd', true);
});

it('forgets a failed read, so the next caller tries again', async () => {
  const cache = new ReferenceCache(store.models.StoreMeta, 60_000);
  await expect(cache.get('x', () => Promise.reject(new Error('store away')))).rejects.toThrow('store away');
  expect(await cache.get('x', async () => 'back')).toBe('back');
});
