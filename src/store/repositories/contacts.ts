import type { KeyedLock } from '../keyed-lock';
import type { ContactDoc, Models, Platform, Role } from '../models';
import type { ReferenceCache } from '../reference-cache';

export function contactId(platform: Platform, userId: string): string {
  return `${platform}:${userId}`;
}

export interface LinkContactInput {
  platform: Platform;
  userId: string;
  chatId: string;
  displayName: string;
  unitCode: string | null;
  role: Role;
}

export function createContactRepository({ Contact }: Models, lock: KeyedLock, cache: ReferenceCache) {
  /** Every change to a contact goes through here, so the cached copies are dropped at once. */
  async function changing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      await cache.changed();
    }
  }

  return {
    /** Read on every message: served from memory (see ReferenceCache). */
    get(id: string): Promise<ContactDoc | null> {
      return cache.get(`contact:${id}`, () => Contact.findById(id).lean<ContactDoc>().exec());
    },

    listByUnit(unitCode: string, options: { activeOnly?: boolean } = {}): Promise<ContactDoc[]> {
      const filter = options.activeOnly ? { unitCode, active: true } : { unitCode };
      return Contact.find(filter).sort({ createdAt: 1 }).lean<ContactDoc[]>().exec();
    },

    list(options: { activeOnly?: boolean } = {}): Promise<ContactDoc[]> {
      const filter = options.activeOnly ? { active: true } : {};
      return Contact.find(filter).sort({ createdAt: 1 }).lean<ContactDoc[]>().exec();
    },

    listSecretariat(): Promise<ContactDoc[]> {
      return Contact.find({ role: 'secretariat', active: true }).lean<ContactDoc[]>().exec();
    },

    /**
     * Links a platform account to a unit (or makes it a secretariat member). A contact belongs to
     * one unit: linking again moves it. A secretariat member keeps that role when also linked to a unit.
     */
    link(input: LinkContactInput): Promise<ContactDoc> {
      const id = contactId(input.platform, input.userId);
      return lock.run(`contact:${id}`, () =>
        changing(async () => {
          const existing = await Contact.findById(id).lean<ContactDoc>().exec();
          const role: Role =
            existing?.role === 'secretariat' || input.role === 'secretariat' ? 'secretariat' : 'contact';
          const unitCode = input.unitCode ?? existing?.unitCode ?? null;
          const updated = await Contact.findOneAndUpdate(
            { _id: id },
            {
              $set: {
                platform: input.platform,
                userId: input.userId,
                chatId: input.chatId,
                displayName: input.displayName,
                unitCode,
                role,
                active: true,
                unreachableAt: null,
              },
            },
            { upsert: true, returnDocument: 'after', setDefaultsOnInsert: true },
          )
            .lean<ContactDoc>()
            .exec();
          return updated!;
        }),
      );
    },

    setActive(id: string, active: boolean): Promise<boolean> {
      return changing(async () => {
        const outcome = await Contact.updateOne({ _id: id }, { $set: { active } }).exec();
        return outcome.matchedCount > 0;
      });
    },

    setRole(id: string, role: Role): Promise<boolean> {
      return changing(async () => {
        const outcome = await Contact.updateOne({ _id: id }, { $set: { role } }).exec();
        return outcome.matchedCount > 0;
      });
    },

    markUnreachable(id: string, at: Date): Promise<void> {
      return changing(async () => {
        await Contact.updateOne({ _id: id }, { $set: { unreachableAt: at } }).exec();
      });
    },

    /** A contact who writes again after blocking the bot can be reached again. Filtered by `_id` alone: the index serves it. */
    markReachable(id: string): Promise<void> {
      return changing(async () => {
        await Contact.updateOne({ _id: id }, { $set: { unreachableAt: null } }).exec();
      });
    },
  };
}

export type ContactRepository = ReturnType<typeof createContactRepository>;
