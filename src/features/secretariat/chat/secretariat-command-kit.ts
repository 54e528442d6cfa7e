import type { Outbound } from '../../../conversation/messages';
import type { ConversationFeature, Turn } from '../../../conversation/turn';
import { deadlineIn } from '../../../scheduler/format-date';
import type { RoundDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import { LATE_SUBMISSION_DAYS } from '../../rounds/rounds-for-unit';
import { sv } from './secretariat-texts';

/** What each command group of the secretariat's feature contributes; `secretariat-feature.ts` guards and merges them. */
export type SecretariatCommandGroup = Pick<ConversationFeature, 'commands' | 'buttons' | 'pending'>;

/**
 * The groups put together into one feature. Two groups with one command would silently keep the
 * last: the start fails instead (buttons and pending states stay lists; the router refuses their
 * duplicates).
 */
export function mergeCommandGroups(groups: readonly SecretariatCommandGroup[]) {
  const commands: NonNullable<SecretariatCommandGroup['commands']> = {};
  for (const group of groups)
    for (const [name, handler] of Object.entries(group.commands ?? {})) {
      if (name in commands) throw new Error(`two secretariat command groups register the command "${name}"`);
      commands[name] = handler;
    }
  return {
    commands,
    buttons: groups.flatMap((group) => group.buttons ?? []),
    pending: groups.flatMap((group) => group.pending ?? []),
  };
}

/** The words after a command (`/xembc P01 annual-2026` → `['P01', 'annual-2026']`); none for other content. */
export function args(turn: Turn): string[] {
  const content = turn.inbound.content;
  return content.type === 'command'
    ? content.args
        .trim()
        .split(/\s+/)
        .filter((a) => a !== '')
    : [];
}

export type RoundChooser = (
  turn: Turn,
  roundArg: string | undefined,
  /** Button data that comes back to this command for a chosen round (null: too long for a button; typing still works). */
  choice: (roundId: string) => string | null,
  work: (round: RoundDoc) => Promise<Outbound[]>,
) => Promise<Outbound[]>;

/** The round a command is about: the one named, the only one open, or a choice of the open ones. */
export function createRoundChooser(repos: Repositories): RoundChooser {
  return async function withRound(turn, roundArg, choice, work) {
    const now = turn.now.toJSDate();
    const since = turn.now.minus({ days: LATE_SUBMISSION_DAYS }).toJSDate();
    // A round is named by its number in the list below ("/tinhhinh 2"); ids still work for scripts.
    if (roundArg && !/^\d{1,2}$/.test(roundArg)) {
      const round = await repos.rounds.get(roundArg);
      return round ? work(round) : [{ text: sv.unknownRound(roundArg) }];
    }
    const open = await repos.rounds.listOpen(now, since);
    if (roundArg) {
      const round = open[Number(roundArg) - 1];
      return round ? work(round) : [{ text: sv.unknownRound(roundArg) }];
    }
    if (open.length === 0) return [{ text: sv.noRound }];
    if (open.length === 1) return work(open[0]!);
    const due = (round: RoundDoc) => deadlineIn(round.dueAt, turn.now.zoneName ?? 'UTC', { weekday: false });
    const buttons = open.flatMap((round) => {
      const data = choice(round._id);
      return data ? [[{ label: `${round.title} (${due(round)})`.slice(0, 60), data }]] : [];
    });
    const lines = open.map((round, i) => `${i + 1}. ${round.title} — hạn nộp: ${due(round)}`);
    return [{ text: `${sv.chooseRound(turn.buttons)}\n${lines.join('\n')}`, buttons }];
  };
}
