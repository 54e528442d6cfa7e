import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImportRoundError, parseRoundXlsx } from '../../features/exports/import-round-xlsx';
import { IMPORTABLE_ROUND_ID, writeImportedRound } from '../../features/exports/imported-rounds';
import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `import-round --file <x.xlsx> --round <annual-2025|semiannual-2025> [--title "…"]`: brings in the
 * figures of a round held before the bot was used, from the "Số liệu" sheet of an .xlsx in the
 * layout the bot exports, so that the next year's consolidated report compares with "cùng kỳ".
 * Kept in DATA_DIR/imported-rounds/<round>.json; importing again replaces it.
 */
export async function importRoundCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const file = stringOption(options, 'file');
  const roundId = stringOption(options, 'round');
  if (!file || !roundId) throw new UsageError('import-round needs --file <x.xlsx> and --round <annual-2025>');
  const match = IMPORTABLE_ROUND_ID.exec(roundId);
  if (!match) {
    throw new UsageError('--round must be annual-<year> or semiannual-<year>, e.g. annual-2025');
  }
  const [, kind, year] = match;
  const spec = cli.schedule?.rounds.find((r) => r.kind === kind);
  const flow = cli.flows.require(spec?.flowId ?? 'bao-cao-dan-chu-co-so');
  const knownIds = new Set(
    flow.sections.flatMap((s) => s.questions.filter((q) => q.type === 'number').map((q) => q.id)),
  );
  let parsed: Awaited<ReturnType<typeof parseRoundXlsx>>;
  try {
    parsed = await parseRoundXlsx(await readFile(file), knownIds);
  } catch (error) {
    if (error instanceof ImportRoundError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      cli.out(`Không nhập được ${file}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
  const fallbackTitle = kind === 'annual' ? 'Báo cáo năm {year}' : 'Báo cáo 6 tháng đầu năm {year}';
  const title = stringOption(options, 'title') ?? (spec?.title ?? fallbackTitle).replace('{year}', year!);
  const target = await writeImportedRound(cli.config.dataDir, {
    roundId,
    title,
    source: path.basename(file),
    importedAt: cli.now().toJSDate().toISOString(),
    units: parsed.units,
    totals: parsed.totals,
  });
  const figures = Object.keys(parsed.totals).length;
  cli.out(
    `Đã nhập "${title}" (${roundId}) từ ${path.basename(file)}: ${parsed.units.length} đơn vị, ` +
      `${figures} chỉ tiêu có số liệu → ${target}`,
  );
  if (parsed.unknownIds.length > 0) {
    cli.out(`Bỏ qua các mã câu hỏi không có trong đề cương: ${parsed.unknownIds.join(', ')}`);
  }
  cli.out(
    `Báo cáo ${kind === 'annual' ? 'năm' : '6 tháng đầu năm'} ${Number(year) + 1} sẽ so sánh với cùng kỳ năm ${year}.`,
  );
  return 0;
}
