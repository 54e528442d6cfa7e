import type { DateTime } from 'luxon';
import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { RoundDoc } from '../../../store/models';
import {
  args,
  type RoundChooser,
  type SecretariatCommandGroup,
} from '../../secretariat/chat/secretariat-command-kit';
import { sv } from '../../secretariat/chat/secretariat-texts';

/** The reminder service's manual pass (`/nhac`); structurally `ReminderService['remindNow']`. */
export type RemindNow = (
  roundId: string,
  at: DateTime,
  actorId: string,
  channel?: string,
) => Promise<{ sent: readonly unknown[]; failed: readonly unknown[]; quietHours: boolean }>;

export interface RemindCommandDeps {
  remindNow?: RemindNow;
  withRound: RoundChooser;
}

/** `/nhac`: remind every pending unit of a round now, outside the schedule. */
export function createRemindCommand({ remindNow, withRound }: RemindCommandDeps): SecretariatCommandGroup {
  async function remind(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    if (!remindNow) return [{ text: sv.remindUnavailable }];
    const result = await remindNow(round._id, turn.now, turn.contact._id, turn.inbound.platform);
    if (result.quietHours)
      return [
        { text: 'Đang trong giờ yên lặng nên chưa gửi nhắc nhở; đồng chí thử lại vào giờ hành chính.' },
      ];
    return [{ text: sv.reminded(result.sent.length, round.title) }];
  }

  const nhac = (turn: Turn, roundArg: string | undefined) =>
    withRound(
      turn,
      roundArg,
      (id) => CALLBACKS.remind.tryEncode({ roundId: id }),
      (round) => remind(turn, round),
    );

  return {
    commands: { nhac: (turn) => nhac(turn, args(turn)[0]) },
    buttons: [onButton(CALLBACKS.remind, (turn, { roundId }) => nhac(turn, roundId))],
  };
}
