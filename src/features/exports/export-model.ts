import type {
  ExportAnswer,
  ExportOutline,
  ExportQuestion,
  ExportRawValue,
  ExportSection,
} from '../../documents';
import { type AnswerValue, type Flow, formatAnswer, type Question } from '../../engine';
import type { RoundDoc } from '../../store/models';

/** Pure mapping from flows and stored answers to the exports' model (outline, answers, subject). */

/** Same rule as the engine: 'IV' selects IV.1–IV.3; no selection = every section. */
function sectionSelected(number: string, selected: readonly string[]): boolean {
  return selected.length === 0 || selected.some((s) => s === number || number.startsWith(`${s}.`));
}

function unitKindsOf(section: Flow['sections'][number], question: Question): string[] | undefined {
  const bySection = section.appliesTo;
  const byQuestion = question.when?.unitKinds;
  if (bySection && byQuestion) return bySection.filter((kind) => byQuestion.includes(kind));
  return bySection ?? byQuestion;
}

/**
 * The exports' outline from a flow. Section III repeats once per unit kind in the flow; the
 * official report has one section III, so the blocks are merged, each question keeping the unit
 * kinds it is asked of. A sub-section's parent heading (II, IV) becomes an empty parent section.
 */
export function outlineFromFlow(flow: Flow, sections: readonly string[] = []): ExportOutline {
  const out: ExportSection[] = [];
  const byNumber = new Map<string, ExportSection>();
  for (const section of flow.sections) {
    if (!sectionSelected(section.number, sections)) continue;
    const [top] = section.number.split('.');
    if (top && top !== section.number && section.parentHeading && !byNumber.has(top)) {
      const parent: ExportSection = { number: top, heading: section.parentHeading, questions: [] };
      byNumber.set(top, parent);
      out.push(parent);
    }
    let target = byNumber.get(section.number);
    if (!target) {
      target = { number: section.number, heading: section.heading, questions: [] };
      byNumber.set(section.number, target);
      out.push(target);
    }
    for (const question of section.questions) {
      const exported: ExportQuestion = { id: question.id, prompt: question.prompt, type: question.type };
      if (question.unit) exported.unit = question.unit;
      if (question.short) exported.shortLabel = question.short;
      if (question.phrase) exported.phrase = question.phrase;
      const kinds = unitKindsOf(section, question);
      if (kinds) exported.unitKinds = kinds;
      target.questions.push(exported);
    }
  }
  return { flowId: flow.id, title: flow.title, sections: out };
}

/** Attachments keep only what the documents print (names and sizes). */
function rawOf(value: unknown): ExportRawValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return value as string[];
    return value
      .filter((v): v is { name: string; size?: number } => typeof v === 'object' && v !== null && 'name' in v)
      .map((v) => ({ name: String(v.name), size: Number(v.size ?? 0) }));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function exportAnswers(flow: Flow, answers: { questionId: string; value: unknown }[]): ExportAnswer[] {
  const questions = new Map(flow.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  const out: ExportAnswer[] = [];
  for (const answer of answers) {
    if (answer.value === null || answer.value === undefined) continue;
    const question = questions.get(answer.questionId);
    const display = question
      ? formatAnswer(question, answer.value as AnswerValue)
      : String(answer.value as string);
    out.push({ questionId: answer.questionId, display, raw: rawOf(answer.value) });
  }
  return out;
}

/** "năm 2026" / "6 tháng đầu năm 2026" / the request's own title for ad-hoc rounds. */
export function reportSubject(round: RoundDoc): string {
  if (round.kind === 'annual') return `kết quả thực hiện dân chủ ở cơ sở năm ${round.year}`;
  if (round.kind === 'semiannual') return `kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm ${round.year}`;
  const title = round.request?.title ?? round.title;
  return title.charAt(0).toLocaleLowerCase('vi') + title.slice(1);
}
