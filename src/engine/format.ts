import type { Question } from './flow-schema';
import { clip, groupThousands } from './normalize';
import { T } from './texts';
import type { AnswerValue, AttachmentRef } from './types';

/** Short label of a question for lists and column titles: `short`, else the prompt clipped. */
export function shortLabel(question: Question): string {
  return question.short ?? clip(question.prompt, 70);
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

const isAttachment = (v: unknown): v is AttachmentRef =>
  typeof v === 'object' && v !== null && 'fileId' in v && 'name' in v;

/** Vietnamese display of an answer, as the review and the exports print it. */
export function formatAnswer(question: Question, value: AnswerValue): string {
  switch (question.type) {
    case 'number':
      if (typeof value === 'number')
        return question.unit ? `${groupThousands(value)} ${question.unit}` : groupThousands(value);
      break;
    case 'yesno':
      if (typeof value === 'boolean') return value ? T.yes : T.no;
      break;
    case 'choice':
      if (typeof value === 'string') return question.options?.find((o) => o.id === value)?.label ?? value;
      break;
    case 'multi':
      if (Array.isArray(value))
        return value
          .map((id) =>
            typeof id === 'string' ? (question.options?.find((o) => o.id === id)?.label ?? id) : '?',
          )
          .join('; ');
      break;
    case 'date': {
      const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      if (m) return `${m[3]}/${m[2]}/${m[1]}`;
      break;
    }
    case 'attachment':
      if (Array.isArray(value)) {
        const files = value.filter(isAttachment);
        return `${files.length} tệp: ${files.map((f) => `${f.name} (${fileSize(f.size)})`).join(', ')}`;
      }
      break;
    case 'text':
      break;
  }
  // Text, and values that no longer match the question's type (after a flow change).
  if (Array.isArray(value)) return value.map((v) => (isAttachment(v) ? v.name : String(v))).join('; ');
  if (typeof value === 'boolean') return value ? T.yes : T.no;
  return String(value);
}
