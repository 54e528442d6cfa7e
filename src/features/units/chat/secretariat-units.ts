import type { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound, OutboundButton } from '../../../conversation/messages';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../engine';
import type { ContactDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import { createInvitation } from '../../contacts/invitations';
import { sv } from '../../secretariat/chat/secretariat-texts';

const PLATFORM_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo', web: 'Web' };

export interface SecretariatUnitsDeps {
  repos: Repositories;
  inviteTtlDays: number;
  timeZone: string;
  telegramUsername: () => string | undefined;
}

/** Units, their contacts and invitations, managed from chat by the secretariat. */
export function createSecretariatUnits(deps: SecretariatUnitsDeps) {
  const { repos } = deps;

  async function list(maxChars: number, platformHasButtons: boolean): Promise<Outbound[]> {
    const [units, contacts] = await Promise.all([
      repos.units.list(),
      repos.contacts.list({ activeOnly: true }),
    ]);
    const counts = new Map<string, number>();
    for (const c of contacts) if (c.unitCode) counts.set(c.unitCode, (counts.get(c.unitCode) ?? 0) + 1);
    const lines = units.map((unit, i) =>
      sv.unitLine(i + 1, unit.name, unit._id, counts.get(unit._id) ?? 0, unit.active),
    );
    const messages: Outbound[] = [];
    let current = sv.unitsHead(units.length, platformHasButtons);
    for (const line of lines) {
      if (current.length + line.length + 1 > Math.max(200, maxChars)) {
        messages.push({ text: current });
        current = '';
      }
      current += `${current === '' ? '' : '\n'}${line}`;
    }
    messages.push({ text: current });
    // Telegram allows 100 buttons per message: a ward has tens of units; beyond that /donvi <mã> still works.
    const unitButtons: OutboundButton[][] = units.slice(0, 90).flatMap((unit) => {
      const data = CALLBACKS.unitOpen.tryEncode({ unitCode: unit._id });
      return data ? [[{ label: unit.name.slice(0, 60), data }]] : [];
    });
    const last = messages[messages.length - 1]!;
    last.buttons = unitButtons;
    // In one message, the lines "1. <unit> (<code>) — …" already list what the buttons choose,
    // unless a unit's code did not fit in a button and the buttons no longer follow the lines.
    if (messages.length === 1 && unitButtons.length === Math.min(units.length, 90)) last.choices = 'listed';
    return messages;
  }

  async function detail(unitCode: string, platformHasButtons: boolean): Promise<Outbound> {
    const unit = await repos.units.get(unitCode);
    if (!unit) return { text: sv.unknownUnit(unitCode) };
    const contacts = await repos.contacts.listByUnit(unitCode, { activeOnly: true });
    const lines = [
      sv.unitDetail(unit.name, unit._id, UNIT_KIND_LABELS[unit.kind as UnitKind] ?? unit.kind),
      '',
      ...(contacts.length === 0
        ? [sv.noContacts(platformHasButtons)]
        : contacts.map((c, i) =>
            sv.contactLine(
              i + 1,
              c.displayName,
              PLATFORM_NAMES[c.platform] ?? c.platform,
              c.unreachableAt !== null,
            ),
          )),
    ];
    const invite = CALLBACKS.unitInvite.tryEncode({ unitCode: unit._id });
    const buttons: OutboundButton[][] = [
      ...(invite ? [[{ label: sv.buttons.invite, data: invite }]] : []),
      ...contacts.flatMap((c) => {
        const data = CALLBACKS.contactDeactivate.tryEncode({ contactId: c._id });
        return data ? [[{ label: sv.buttons.deactivate(c.displayName || c.userId).slice(0, 60), data }]] : [];
      }),
    ];
    return { text: lines.join('\n'), buttons };
  }

  /** A single-use invitation; the code is shown once and only its hash is stored. */
  async function invite(unitCode: string | null, actor: ContactDoc, now: DateTime): Promise<Outbound> {
    const outcome = await createInvitation(repos, {
      unitCode,
      role: unitCode ? 'contact' : 'secretariat',
      days: deps.inviteTtlDays,
      actor: actor._id,
      channel: actor.platform,
      now,
    });
    if (outcome.type === 'unknown-unit') return { text: sv.unknownUnit(unitCode ?? '') };
    const { code, expiresAt, unit } = outcome;
    const username = deps.telegramUsername();
    const link = username ? `https://t.me/${username}?start=${code}` : undefined;
    return {
      text: sv.invitation(
        unit?.name ?? sv.secretariatTarget,
        code,
        expiresAt.setZone(deps.timeZone).toFormat("HH:mm 'ngày' d/M/yyyy"),
        link,
      ),
    };
  }

  async function askDeactivate(contactId: string, actor: ContactDoc): Promise<Outbound> {
    const contact = await repos.contacts.get(contactId);
    if (!contact?.active) return { text: sv.contactGone };
    if (contact._id === actor._id) return { text: sv.cannotDeactivateSelf };
    const unit = contact.unitCode ? await repos.units.get(contact.unitCode) : null;
    return {
      text: sv.confirmDeactivate(contact.displayName || contact.userId, unit?.name ?? 'Ban Xây dựng Đảng'),
      choices: 'listed',
      buttons: [
        [
          {
            label: sv.buttons.yes,
            data: CALLBACKS.contactDeactivateConfirm.encode({ choice: 'y', contactId: contact._id }),
          },
          {
            label: sv.buttons.no,
            data: CALLBACKS.contactDeactivateConfirm.encode({ choice: 'n', contactId: contact._id }),
          },
        ],
      ],
    };
  }

  async function deactivate(contactId: string, actor: ContactDoc, now: DateTime): Promise<Outbound> {
    const contact = await repos.contacts.get(contactId);
    if (!contact?.active) return { text: sv.contactGone };
    if (contact._id === actor._id) return { text: sv.cannotDeactivateSelf };
    await repos.contacts.setActive(contact._id, false);
    await repos.audit.record({
      at: now.toJSDate(),
      actor: actor._id,
      channel: actor.platform,
      action: 'contact.deactivated',
      unitCode: contact.unitCode,
      details: { contactId: contact._id, displayName: contact.displayName, role: contact.role },
    });
    return { text: sv.deactivated(contact.displayName || contact.userId) };
  }

  return { list, detail, invite, askDeactivate, deactivate };
}

export type SecretariatUnits = ReturnType<typeof createSecretariatUnits>;
