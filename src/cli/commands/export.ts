import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFile } from '../../features/exports/export-service';
import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `export --round <id> --out <dir> [--units]`: the consolidated .docx and the .xlsx of a round
 * (and with `--units` the .docx of every submitted report), written to files; prints names and sizes.
 */
export async function exportCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const roundId = stringOption(options, 'round');
  const outDir = stringOption(options, 'out');
  if (!roundId || !outDir) throw new UsageError('export needs --round <id> and --out <dir>');
  // The bot's export use case: the same files as /xuat and the dashboard.
  const { exports } = cli.useCases;
  const at = cli.now().toJSDate();
  const result = await exports.exportRound(roundId, at);
  if (!result) {
    const known = (await cli.store.repos.rounds.list()).map((round) => round._id);
    cli.out(`Không có đợt báo cáo "${roundId}". Các đợt hiện có: ${known.join(', ') || '(chưa có)'}`);
    return 1;
  }
  const files: ExportFile[] = [...result.files];
  if (options.get('units') === true) files.push(...(await exports.exportSubmittedUnitReports(roundId, at)));
  await mkdir(outDir, { recursive: true });
  for (const file of files) {
    const target = path.join(outDir, file.fileName);
    await writeFile(target, file.bytes);
    cli.out(`${target}  ${(file.bytes.length / 1024).toFixed(1)} KiB`);
  }
  return 0;
}
