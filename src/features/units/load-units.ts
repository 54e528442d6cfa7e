import type { Repositories } from '../../store/repositories';
import type { UnitUpsertResult } from '../../store/repositories/units';
import { readUnitsFile } from './units-file';

/**
 * Loads a units file into the store (idempotent: a changed field is updated, nothing is deleted)
 * and records it in the audit trail. The one way units get in: `units:load` and the first run's
 * seeding both call it. Throws UnitsFileError for a bad file and StoreLeaseBusyError when another
 * process has held the units' lease for too long.
 */
export async function loadUnits(
  repos: Repositories,
  input: { file: string; actor: string; channel: string; at: Date },
): Promise<UnitUpsertResult> {
  const result = await repos.units.upsertMany(await readUnitsFile(input.file));
  await repos.audit.record({
    at: input.at,
    actor: input.actor,
    channel: input.channel,
    action: 'units.loaded',
    details: { file: input.file, created: result.created, updated: result.updated },
  });
  return result;
}
