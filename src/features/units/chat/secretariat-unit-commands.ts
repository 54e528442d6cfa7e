import type { Outbound } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { Repositories } from '../../../store/repositories';
import { args, type SecretariatCommandGroup } from '../../secretariat/chat/secretariat-command-kit';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { createSecretariatUnits, UNIT_BUTTONS } from './secretariat-units';

export interface UnitCommandsDeps {
  repos: Repositories;
  inviteTtlDays: number;
  timeZone: string;
  telegramUsername: () => string | undefined;
}

/** `/donvi` and `/moi`: the units and their contacts, invitations, and deactivating a contact (asked, then confirmed). */
export function createUnitCommands(deps: UnitCommandsDeps): SecretariatCommandGroup {
  const units = createSecretariatUnits(deps);

  async function deactivateConfirm(turn: Turn, payload: string): Promise<Outbound[]> {
    const separator = payload.indexOf(':');
    const choice = payload.slice(0, separator);
    const contactId = payload.slice(separator + 1);
    if (separator < 0 || choice !== 'y') return [{ text: sv.cancelled }];
    return [await units.deactivate(contactId, turn.contact, turn.now)];
  }

  return {
    commands: {
      donvi: async (turn) => {
        const [unitCode] = args(turn);
        return unitCode ? [await units.detail(unitCode)] : units.list(turn.maxTextLength);
      },
      moi: async (turn) => [await units.invite(null, turn.contact, turn.now)],
    },
    buttons: {
      [UNIT_BUTTONS.open]: async (_turn, unitCode) => [await units.detail(unitCode)],
      [UNIT_BUTTONS.invite]: async (turn, unitCode) => [await units.invite(unitCode, turn.contact, turn.now)],
      [UNIT_BUTTONS.deactivate]: async (turn, contactId) => [
        await units.askDeactivate(contactId, turn.contact),
      ],
      [UNIT_BUTTONS.confirm]: deactivateConfirm,
    },
  };
}
