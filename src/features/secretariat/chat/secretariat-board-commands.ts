import type { Outbound, OutboundButton } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { RoundDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import { formatStatusBoardText, statusBoard } from '../../rounds/status-board';
import { args, B, fits, type RoundChooser, type SecretariatCommandGroup } from './secretariat-command-kit';
import { sv } from './secretariat-texts';

export interface BoardCommandsDeps {
  repos: Repositories;
  timeZone: string;
  withRound: RoundChooser;
}

/** `/tinhhinh`: who has reported in a round, with buttons to open the submitted reports and the exports. */
export function createBoardCommands({
  repos,
  timeZone,
  withRound,
}: BoardCommandsDeps): SecretariatCommandGroup {
  async function showBoard(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    const board = await statusBoard(repos, round._id, turn.now.toJSDate());
    if (!board) return [{ text: sv.unknownRound(round._id) }];
    const texts = formatStatusBoardText(board, turn.maxTextLength, timeZone);
    const replies: Outbound[] = texts.map((text) => ({ text }));
    const viewable = board.rows.filter((row) => row.status === 'submitted' || row.status === 'accepted');
    const buttons: OutboundButton[][] = viewable
      .slice(0, 80)
      .map((row) => [
        { label: sv.boardButton(row.unitName).slice(0, 60), data: `${B.view}:${round._id}:${row.unitCode}` },
      ])
      .filter((row) => fits(row[0]!.data));
    buttons.push(
      [{ label: '📥 Xuất Word, Excel', data: `${B.exports}:${round._id}` }].filter((b) => fits(b.data)),
    );
    replies.push({ text: sv.boardViewHint, buttons: buttons.filter((row) => row.length > 0) });
    return replies;
  }

  const board = (turn: Turn, roundArg: string | undefined) =>
    withRound(
      turn,
      roundArg,
      (id) => `${B.board}:${id}`,
      (round) => showBoard(turn, round),
    );

  return {
    commands: { tinhhinh: (turn) => board(turn, args(turn)[0]) },
    buttons: { [B.board]: (turn, roundId) => board(turn, roundId) },
  };
}
