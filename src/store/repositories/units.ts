import type { UnitKind } from '../../domain/unit-kinds';
import type { Models, UnitDoc } from '../models';
import type { ReferenceCache } from '../reference-cache';
import { type StoreLeaseOptions, withStoreLease } from '../store-lease';
import { isDuplicateKeyError } from './duplicate-key';

/** The store lease every change of units takes: one such change at a time, across processes. */
export const UNITS_LEASE = 'units';

export interface UnitInput {
  code: string;
  name: string;
  kind: UnitKind;
  group?: string;
  active?: boolean;
  order?: number;
  presetAnswers?: Record<string, unknown>;
}

export interface UnitUpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
}

export function createUnitRepository({ Unit, StoreLease }: Models, cache: ReferenceCache) {
  return {
    /** Read on every message: served from memory (see ReferenceCache). */
    get(code: string): Promise<UnitDoc | null> {
      return cache.get(`unit:${code}`, () => Unit.findById(code).lean<UnitDoc>().exec());
    },

    /** Scans the collection: fine for a ward (tens of units); keep it off the per-message path. */
    list(options: { activeOnly?: boolean } = {}): Promise<UnitDoc[]> {
      const filter = options.activeOnly ? { active: true } : {};
      return Unit.find(filter).sort({ order: 1, _id: 1 }).lean<UnitDoc[]>().exec();
    },

    count(): Promise<number> {
      return Unit.estimatedDocumentCount().exec();
    },

    /**
     * Idempotent: loading the same data twice changes nothing; a changed field is updated. Runs
     * under the `units` store lease, so that two loads (two CLI commands, or one and a starting
     * bot) or a load and another change of units never interleave: each one reads what the
     * previous one wrote. Throws StoreLeaseBusyError when another process kept it too long.
     */
    async upsertMany(inputs: UnitInput[], lease: StoreLeaseOptions = {}): Promise<UnitUpsertResult> {
      return withStoreLease(
        StoreLease,
        UNITS_LEASE,
        'units:load',
        async () => {
          const result: UnitUpsertResult = { created: [], updated: [], unchanged: [] };
          try {
            await upsertEach(inputs, result);
          } finally {
            if (result.created.length + result.updated.length > 0) await cache.changed();
          }
          return result;
        },
        lease,
      );
    },

    async setActive(code: string, active: boolean): Promise<boolean> {
      return withStoreLease(StoreLease, UNITS_LEASE, 'units:set-active', async () => {
        const outcome = await Unit.updateOne({ _id: code }, { $set: { active } }).exec();
        await cache.changed();
        return outcome.matchedCount > 0;
      });
    },
  };

  async function upsertEach(inputs: UnitInput[], result: UnitUpsertResult): Promise<void> {
    for (const input of inputs) {
      const wanted = {
        name: input.name,
        kind: input.kind,
        group: input.group ?? '',
        active: input.active ?? true,
        order: input.order ?? 0,
        presetAnswers: input.presetAnswers ?? {},
      };
      let existing = await Unit.findById(input.code).lean<UnitDoc>().exec();
      if (!existing) {
        try {
          await Unit.create({ _id: input.code, ...wanted });
          result.created.push(input.code);
          continue;
        } catch (error) {
          // Created meanwhile by a process whose lease was broken as stale: compared below.
          if (!isDuplicateKeyError(error)) throw error;
          existing = await Unit.findById(input.code).lean<UnitDoc>().exec();
          if (!existing) throw error;
        }
      }
      // Compared as JSON: presetAnswers is an object, everything else a plain value.
      const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
        (key) => JSON.stringify(existing[key] ?? {}) !== JSON.stringify(wanted[key]),
      );
      if (changed) {
        await Unit.updateOne({ _id: input.code }, { $set: wanted }).exec();
        result.updated.push(input.code);
      } else {
        result.unchanged.push(input.code);
      }
    }
  }
}

export type UnitRepository = ReturnType<typeof createUnitRepository>;
