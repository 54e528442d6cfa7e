import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Repositories } from '../../../store/repositories';
import { args, type SecretariatCommandGroup } from '../../secretariat/chat/secretariat-command-kit';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { createSecretariatUnits } from './secretariat-units';

export interface UnitCommandsDeps {
  repos: Repositories;
  inviteTtlDays: number;
  timeZone: string;
  telegramUsername: () => string | undefined;
}

/** `/donvi` and `/moi`: the units and their contacts, invitations, and deactivating a contact (asked, then confirmed). */
export function createUnitCommands(deps: UnitCommandsDeps): SecretariatCommandGroup {
  const units = createSecretariatUnits(deps);

  return {
    commands: {
      donvi: async (turn) => {
        const [unitCode] = args(turn);
        return unitCode
          ? [await units.detail(unitCode, turn.buttons)]
          : units.list(turn.maxTextLength, turn.buttons);
      },
      moi: async (turn) => [await units.invite(null, turn.contact, turn.now)],
    },
    buttons: [
      onButton(CALLBACKS.unitOpen, async (turn, { unitCode }) => [
        await units.detail(unitCode, turn.buttons),
      ]),
      onButton(CALLBACKS.unitInvite, async (turn, { unitCode }) => [
        await units.invite(unitCode, turn.contact, turn.now),
      ]),
      onButton(CALLBACKS.contactDeactivate, async (turn, { contactId }) => [
        await units.askDeactivate(contactId, turn.contact),
      ]),
      onButton(CALLBACKS.contactDeactivateConfirm, async (turn, { choice, contactId }) =>
        choice === 'y'
          ? [await units.deactivate(contactId, turn.contact, turn.now)]
          : [{ text: sv.cancelled }],
      ),
    ],
  };
}
