import { onButton } from '../../../conversation/button-binding';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound, OutboundButton } from '../../../conversation/messages';
import type { Turn } from '../../../conversation/turn';
import type { RoundDoc } from '../../../store/models';
import type { Repositories } from '../../../store/repositories';
import { formatStatusBoardText, statusBoard } from '../../rounds/status-board';
import { args, type RoundChooser, type SecretariatCommandGroup } from './secretariat-command-kit';
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
    const buttons: OutboundButton[][] = viewable.slice(0, 80).flatMap((row) => {
      const data = CALLBACKS.viewReport.tryEncode({ roundId: round._id, unitCode: row.unitCode });
      return data ? [[{ label: sv.boardButton(row.unitName).slice(0, 60), data }]] : [];
    });
    const exportsData = CALLBACKS.exports.tryEncode({ roundId: round._id, unitReports: false });
    if (exportsData) buttons.push([{ label: '📥 Xuất Word, Excel', data: exportsData }]);
    replies.push({ text: sv.boardViewHint(turn.buttons), buttons });
    return replies;
  }

  const board = (turn: Turn, roundArg: string | undefined) =>
    withRound(
      turn,
      roundArg,
      (id) => CALLBACKS.board.tryEncode({ roundId: id }),
      (round) => showBoard(turn, round),
    );

  return {
    commands: { tinhhinh: (turn) => board(turn, args(turn)[0]) },
    buttons: [onButton(CALLBACKS.board, (turn, { roundId }) => board(turn, roundId))],
  };
}
