import { existsSync } from 'node:fs';
import type { Config } from '../config/config';
import { readUnitsFile } from '../features/units/units-file';
import type { Logger } from '../logger';
import type { Store } from '../store/connect';

/** Loads the units file into an empty store (the first start). */
export async function seedUnits(store: Store, config: Config, logger: Logger): Promise<void> {
  const { repos } = store;
  if ((await repos.units.count()) === 0 && existsSync(config.unitsFile)) {
    const loaded = await repos.units.upsertMany(await readUnitsFile(config.unitsFile));
    logger.info(
      { units: loaded.created.length, file: config.unitsFile },
      'example units loaded into an empty store',
    );
  }
}
