import { foldForMatching } from '../domain/vietnamese';
import { COMMANDS } from './commands';
/**
 * Commands typed as plain words, for channels without a command menu (Zalo, the web chat):
 * "baocao", "báo cáo", "/nop", "Tạm dừng", "sửa câu 5" → `{command, args}`.
 *
 * Only a message that IS the command counts: "Đơn vị đã báo cáo đầy đủ" stays an answer. Words are
 * compared without diacritics, case or extra spaces, so "Báo  cáo", "bao cao" and "BAOCAO" agree.
 */

export interface TypedCommand {
  /** Lower-case, without slash, as the conversation service registers it (`baocao`). */
  command: string;
  args: string;
}

/** Spelled-out forms of each command, already folded (no diacritics, single spaces): commands.ts. */
const PHRASES: Record<string, readonly string[]> = Object.fromEntries(
  COMMANDS.map((command) => [command.name, command.typed]),
);

/** Phrase → command; a phrase spelled for two commands would silently mean the last: refused at start. */
export function phraseIndex(phrases: Record<string, readonly string[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [command, spellings] of Object.entries(phrases))
    for (const phrase of spellings) {
      const other = index.get(phrase);
      if (other !== undefined && other !== command)
        throw new Error(`the typed phrase "${phrase}" is given for two commands (${other}, ${command})`);
      index.set(phrase, command);
    }
  return index;
}

const BY_PHRASE = phraseIndex(PHRASES);

/** "sua", "sửa 5", "sửa câu 5", "sua5": the one command that takes an argument when typed. */
const SUA = /^sua(?:\s*(?:cau\s*)?(\d{1,4}))?$/;

/** A slash command with any name: the slash makes the intent explicit, so unknown names still count. */
const SLASHED = /^\/([a-z0-9_]{1,32})(?:\s+([\s\S]*))?$/i;

/** Lower-case, no diacritics (đ → d), no punctuation at the ends, single spaces: see foldForMatching. */
export const foldVietnamese = foldForMatching;

/** The command the whole message spells, or null when it is ordinary text. */
export function parseTypedCommand(text: string): TypedCommand | null {
  const trimmed = text.trim();
  // A command is a few words at most; long answers are never commands and are not folded.
  if (trimmed.length === 0 || trimmed.length > 64) return null;
  const slashed = trimmed.startsWith('/');
  const folded = foldVietnamese(slashed ? trimmed.slice(1) : trimmed);

  const known = BY_PHRASE.get(folded);
  if (known) return { command: known, args: '' };
  const sua = SUA.exec(folded);
  if (sua) return { command: 'sua', args: sua[1] ?? '' };

  if (slashed) {
    // "/start <mã mời>" and any other slash command keep their arguments as typed (codes are case-sensitive).
    const generic = SLASHED.exec(trimmed);
    if (generic) return { command: generic[1]!.toLowerCase(), args: generic[2]?.trim() ?? '' };
  }
  return null;
}
