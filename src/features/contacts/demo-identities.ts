import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import type { SessionContact } from './web-sessions';

/** A unit as the demo's picker shows it. */
export type PickableUnit = Pick<UnitDoc, '_id' | 'name' | 'group'>;

export type DemoPickOutcome = { type: 'done'; contact: SessionContact } | { type: 'unknown-unit' };

/**
 * The local demo's identities: a browser picks a unit (or the secretariat) and becomes a fresh
 * `web:<uuid>` contact of it; leaving retires that contact so status boards stay honest.
 */
export function createDemoIdentities(deps: { repos: Repositories; now: () => DateTime }) {
  const { repos } = deps;
  return {
    /** The active units, for the picker. */
    pickableUnits(): Promise<PickableUnit[]> {
      return repos.units.list({ activeOnly: true });
    },

    async unitName(unitCode: string | null): Promise<string | null> {
      return unitCode ? ((await repos.units.get(unitCode))?.name ?? null) : null;
    },

    /**
     * Links a fresh web contact to an active unit (`unitCode`) or to the secretariat (`null`),
     * audited as `contact.linked` or `role.granted`.
     */
    async pick(input: { unitCode: string | null; name: string }): Promise<DemoPickOutcome> {
      const unit = input.unitCode === null ? null : await repos.units.get(input.unitCode);
      if (input.unitCode !== null && !unit?.active) return { type: 'unknown-unit' };
      const secretariat = unit === null;
      const userId = randomUUID();
      const contact = await repos.contacts.link({
        platform: 'web',
        userId,
        chatId: userId,
        displayName:
          input.name || (secretariat ? 'Thư ký Ban Xây dựng Đảng' : `Người báo cáo (${unit.name})`),
        unitCode: unit?._id ?? null,
        role: secretariat ? 'secretariat' : 'contact',
      });
      await repos.audit.record({
        at: deps.now().toJSDate(),
        actor: contact._id,
        channel: 'web',
        action: secretariat ? 'role.granted' : 'contact.linked',
        unitCode: unit?._id ?? null,
        details: { role: contact.role, source: 'web-demo' },
      });
      return { type: 'done', contact };
    },

    /** A demo pick is one browser's identity: when it leaves, its web contact is retired. */
    async retire(contact: SessionContact): Promise<void> {
      if (contact.platform === 'web') await repos.contacts.setActive(contact._id, false);
    },
  };
}

export type DemoIdentities = ReturnType<typeof createDemoIdentities>;
