import { existsSync } from 'node:fs';
import path from 'node:path';
import { anyPlatformEnabled } from '../channels/registry';
import type { Config } from '../config/config';
import { loadUnits } from '../features/units/load-units';
import type { Logger } from '../logger';
import type { Store } from '../store/connect';

/** The example ward shipped with the code (the recipients of letter 109-CV/ĐU). */
export const EXAMPLE_UNITS_FILE = path.resolve(__dirname, '../../flows/units/don-vi-mau.yaml');

/**
 * Whether a start loads the units file into the store, decided once, before anything is wired:
 * only into a store without units (the first run), and the example ward only in the
 * out-of-the-box demo (no platform token). A production start with a token never seeds the
 * example units; with a units file of its own (UNITS_FILE) it loads that file at its first run.
 * Everything else is the explicit step `npm run cli -- units:load`.
 */
export function shouldSeedUnits(config: Config, unitsInStore: number, force = false): boolean {
  if (unitsInStore > 0 || !existsSync(config.unitsFile)) return false;
  if (force || !anyPlatformEnabled(config)) return true;
  return path.resolve(config.unitsFile) !== EXAMPLE_UNITS_FILE;
}

/**
 * The first run's seeding step (see {@link shouldSeedUnits}); `force` seeds whatever the
 * configuration, as a first demo run would (tests that start with a token on the example ward).
 */
export async function seedUnits(
  store: Store,
  config: Config,
  logger: Logger,
  at: Date,
  force = false,
): Promise<void> {
  const { repos } = store;
  const count = await repos.units.count();
  if (!shouldSeedUnits(config, count, force)) {
    if (count === 0) {
      logger.warn(
        { file: config.unitsFile },
        'no units in the store: load your ward with `npm run cli -- units:load --file <units.yaml>`',
      );
    }
    return;
  }
  const loaded = await loadUnits(repos, {
    file: config.unitsFile,
    actor: 'system',
    channel: 'system',
    at,
  });
  logger.info(
    { units: loaded.created.length, file: config.unitsFile },
    'units file loaded into an empty store (first run)',
  );
}
