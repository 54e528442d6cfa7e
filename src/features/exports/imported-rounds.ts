import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Figures of a round held before the bot was used (last year's report, kept in an .xlsx), imported
 * with `npm run cli -- import-round`. They are kept as one JSON file per round in
 * DATA_DIR/imported-rounds/, outside the store: an imported round is only ever read as the
 * "cùng kỳ" of a later round; it has no units to chase and never appears on the board.
 */
export interface ImportedRound {
  /** 'annual-2025', 'semiannual-2025': the id the bot would have given the round. */
  roundId: string;
  title: string;
  /** The file it came from, and when. */
  source: string;
  importedAt: string;
  units: { code: string; name: string; values: Record<string, number> }[];
  /** Ward total of each numeric question answered by at least one unit. */
  totals: Record<string, number>;
}

export const IMPORTABLE_ROUND_ID = /^(annual|semiannual)-(\d{4})$/;

export function importedRoundsDir(dataDir: string): string {
  return path.join(dataDir, 'imported-rounds');
}

export async function readImportedRound(dataDir: string, roundId: string): Promise<ImportedRound | null> {
  if (!IMPORTABLE_ROUND_ID.test(roundId)) return null;
  try {
    return JSON.parse(
      await readFile(path.join(importedRoundsDir(dataDir), `${roundId}.json`), 'utf8'),
    ) as ImportedRound;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes (or replaces) the round's file; written aside and renamed, so a reader never sees half a file. */
export async function writeImportedRound(dataDir: string, round: ImportedRound): Promise<string> {
  const dir = importedRoundsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${round.roundId}.json`);
  await writeFile(`${target}.tmp`, `${JSON.stringify(round, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
  return target;
}
