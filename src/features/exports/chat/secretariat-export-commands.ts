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
import type { ExportService } from '../export-service';

export interface ExportCommandsDeps {
  exports: ExportService;
  withRound: RoundChooser;
}

/** `/xuat` and its buttons: a round's Word and Excel summary, and the Word file of one or every submitted unit. */
export function createExportCommands({ exports, withRound }: ExportCommandsDeps): SecretariatCommandGroup {
  async function sendExports(turn: Turn, round: RoundDoc): Promise<Outbound[]> {
    const result = await exports.exportRound(round._id, turn.now.toJSDate());
    if (!result) return [{ text: sv.unknownRound(round._id) }];
    const [docx, xlsx] = result.files;
    const unitButton = CALLBACKS.exports.tryEncode({ roundId: round._id, unitReports: true });
    return [
      { text: sv.exporting(round.title) },
      { text: '', document: { ...docx!, caption: sv.exportCaption.docx } },
      { text: '', document: { ...xlsx!, caption: sv.exportCaption.xlsx } },
      ...(unitButton
        ? [
            {
              text: 'Cần bản Word của từng đơn vị đã nộp?',
              buttons: [[{ label: sv.buttons.unitReports, data: unitButton }]],
            },
          ]
        : []),
    ];
  }

  const roundExports = (turn: Turn, roundArg: string | undefined) =>
    withRound(
      turn,
      roundArg,
      (id) => CALLBACKS.exports.tryEncode({ roundId: id, unitReports: false }),
      (round) => sendExports(turn, round),
    );

  async function exportsButton(
    turn: Turn,
    { roundId, unitReports }: { roundId: string; unitReports: boolean },
  ): Promise<Outbound[]> {
    if (unitReports) {
      const files = await exports.exportSubmittedUnitReports(roundId, turn.now.toJSDate());
      if (files.length === 0) return [{ text: sv.noUnitReports }];
      return files.map((file) => ({ text: '', document: file }));
    }
    return roundExports(turn, roundId);
  }

  async function unitWord(turn: Turn, ref: { roundId: string; unitCode: string }): Promise<Outbound[]> {
    const file = await exports.exportUnitReport(ref.roundId, ref.unitCode, turn.now.toJSDate());
    return file ? [{ text: '', document: file }] : [{ text: sv.unknownUnit(ref.unitCode) }];
  }

  return {
    commands: {
      xuat: async (turn) => {
        const [roundArg, unitCode] = args(turn);
        if (roundArg && unitCode) return unitWord(turn, { roundId: roundArg, unitCode });
        return roundExports(turn, roundArg);
      },
    },
    buttons: [onButton(CALLBACKS.exports, exportsButton), onButton(CALLBACKS.unitWord, unitWord)],
  };
}
