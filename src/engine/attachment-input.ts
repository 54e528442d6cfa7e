import { overlay } from './conditions';
import { DEFAULT_MAX_FILES, DEFAULT_MAX_SIZE_MB } from './flow-schema';
import { moveOn } from './navigation';
import { reask } from './replies';
import { type Ctx, currentEntry, type StepResult } from './step-context';
import { T } from './texts';
import { tokens } from './tokens';
import type { AttachmentRef, Effect } from './types';

/**
 * A received file. Files add up on the current attachment question until "Xong"
 * or the limit; duplicates (same file id or same content hash) are refused.
 */
export function onAttachment(s: Ctx, file: AttachmentRef, notices: string[]): StepResult {
  const cur = currentEntry(s);
  if (cur?.question.type !== 'attachment') return reask(s, [...notices, T.fileNotHere]);
  const q = cur.question;
  const maxFiles = q.maxFiles ?? DEFAULT_MAX_FILES;
  const maxMb = q.maxSizeMb ?? DEFAULT_MAX_SIZE_MB;
  const name = typeof file?.name === 'string' && file.name !== '' ? file.name.slice(0, 200) : 'tệp';
  if (!file || typeof file.fileId !== 'string' || typeof file.size !== 'number')
    return reask(s, [...notices, T.badButton]);
  if (file.size > maxMb * 1024 * 1024) return reask(s, [...notices, T.fileTooBig(name, maxMb)]);
  const before = s.ctx.answers.get(q.id);
  const list = Array.isArray(before)
    ? (before.filter((f) => typeof f === 'object' && f !== null) as AttachmentRef[])
    : [];
  if (list.some((f) => f.fileId === file.fileId || (file.sha256 !== undefined && f.sha256 === file.sha256))) {
    return reask(s, [...notices, T.fileDuplicate(name)]);
  }
  if (list.length >= maxFiles) return reask(s, [...notices, T.fileLimitReached(maxFiles)]);
  const value = [...list, file];
  const effects: Effect[] = [{ type: 'saveAnswer', questionId: q.id, value }];
  const answers = overlay(s.ctx.answers, q.id, value);
  const lead = [...notices, T.fileSaved(name, value.length, maxFiles)];
  if (value.length >= maxFiles)
    return moveOn(s, cur, answers, [...lead, T.fileLimitReached(maxFiles)], effects);
  return {
    state: s.state,
    replies: [{ text: lead.join('\n'), buttons: [[{ label: T.buttonDone, token: tokens.done(q.id) }]] }],
    effects,
  };
}
