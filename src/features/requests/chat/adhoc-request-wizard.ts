import { DateTime } from 'luxon';
import type { Outbound } from '../../../conversation/messages';
import { UNIT_KINDS } from '../../../domain/unit-kinds';
import type { UnitKind } from '../../../engine';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { parseDueDate } from '../adhoc-due-date';
import { type AdHocRequestInput, type AdHocTargets, resolveTargets } from '../adhoc-request-service';
import { type AdHocDraft, INSTRUCTIONS_MAX, TITLE_MAX } from './adhoc-request-draft';
import { activeUnits, prompt, type WizardContext } from './adhoc-request-prompts';

export type { AdHocDraft } from './adhoc-request-draft';
export { outlineTops, type WizardContext } from './adhoc-request-prompts';

export type WizardResult =
  | { type: 'continue'; draft: AdHocDraft; replies: Outbound[] }
  | { type: 'cancelled'; replies: Outbound[] }
  | { type: 'confirmed'; input: AdHocRequestInput };

const CANCEL = new Set(['hủy', 'huỷ', 'huy', '/huy', 'thôi', 'thoi']);
const NONE = new Set(['không', 'khong', 'không có', 'khong co', '-']);

/** "1, 3 5" → [1, 3, 5]; null if anything else is in the text or a number is out of range. */
export function parseNumberList(text: string, max: number): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from < 1 || to > max || from > to) return null;
      for (let n = from; n <= to; n++) numbers.push(n);
      continue;
    }
    if (!/^\d+$/.test(part)) return null;
    const n = Number(part);
    if (n < 1 || n > max) return null;
    numbers.push(n);
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The first question of the wizard. */
export function startWizard(context: WizardContext): { draft: AdHocDraft; replies: Outbound[] } {
  const draft: AdHocDraft = { type: 'adhoc-request', step: 'title' };
  return { draft, replies: prompt(draft, context) };
}

/** One answer to the wizard (typed, or a button's value): the next question, a refusal with its reason, or the request. */
export function wizardStep(draft: AdHocDraft, raw: string, context: WizardContext): WizardResult {
  const text = raw.trim();
  const lower = text.toLocaleLowerCase('vi');
  if (CANCEL.has(lower)) return { type: 'cancelled', replies: [{ text: sv.cancelled }] };
  const next = (changes: Partial<AdHocDraft>): WizardResult => {
    const updated = { ...draft, ...changes };
    return { type: 'continue', draft: updated, replies: prompt(updated, context) };
  };
  const again = (problem: string): WizardResult => ({
    type: 'continue',
    draft,
    replies: prompt(draft, context, problem),
  });

  switch (draft.step) {
    case 'title':
      if (text.length < 5) return again('Tên yêu cầu quá ngắn (ít nhất 5 ký tự).');
      if (text.length > TITLE_MAX)
        return again(`Tên yêu cầu dài quá ${TITLE_MAX} ký tự; đồng chí rút gọn lại.`);
      return next({ step: 'instructions', title: text });
    case 'instructions':
      if (text.length > INSTRUCTIONS_MAX)
        return again(`Hướng dẫn dài quá ${INSTRUCTIONS_MAX} ký tự; đồng chí rút gọn lại.`);
      return next({ step: 'flow', instructions: NONE.has(lower) ? '' : text });
    case 'flow':
      if (text === '1') return next({ step: 'targets', flowId: context.adHocFlow.id, sections: [] });
      if (text === '2') return next({ step: 'sections', flowId: context.mainFlow.id });
      return again('Vui lòng chọn 1 hoặc 2.');
    case 'sections': {
      const known = new Set(context.mainFlow.sections.flatMap((s) => [s.number, s.number.split('.')[0]!]));
      const picked = text
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter((p) => p !== '');
      const unknown = picked.filter((p) => !known.has(p));
      if (picked.length === 0 || unknown.length > 0)
        return again(
          unknown.length > 0
            ? `Đề cương không có mục ${unknown.join(', ')}.`
            : 'Vui lòng gõ ít nhất một mục.',
        );
      const order = context.mainFlow.sections.map((s) => s.number);
      const firstIndex = (n: string) => order.findIndex((o) => o === n || o.startsWith(`${n}.`));
      const sections = [...new Set(picked)].sort((a, b) => firstIndex(a) - firstIndex(b));
      return next({ step: 'targets', sections });
    }
    case 'targets':
      if (text === '1') return next({ step: 'due', targets: { mode: 'all' } });
      if (text === '2') return next({ step: 'kinds' });
      if (text === '3') return next({ step: 'units' });
      return again('Vui lòng chọn 1, 2 hoặc 3.');
    case 'kinds': {
      const numbers = parseNumberList(text, UNIT_KINDS.length);
      if (!numbers) return again(`Vui lòng gõ các số từ 1 đến ${UNIT_KINDS.length}, ví dụ: 1, 5.`);
      const kinds = numbers.map((n) => UNIT_KINDS[n - 1]!) as UnitKind[];
      const targets: AdHocTargets = { mode: 'kinds', kinds };
      if (resolveTargets(context.units, targets).length === 0)
        return again('Các loại hình đã chọn chưa có đơn vị nào đang hoạt động. Vui lòng chọn lại.');
      return next({ step: 'due', targets });
    }
    case 'units': {
      const units = activeUnits(context);
      const numbers = parseNumberList(text, units.length);
      if (!numbers) return again(`Vui lòng gõ các số từ 1 đến ${units.length}, ví dụ: 1, 3, 5-8.`);
      return next({
        step: 'due',
        targets: { mode: 'units', unitCodes: numbers.map((n) => units[n - 1]!._id) },
      });
    }
    case 'due': {
      const parsed = parseDueDate(text, context.now, context.timeZone);
      if (!parsed.ok) return again(parsed.reason);
      return next({ step: 'confirm', dueAt: parsed.dueAt.toISO()! });
    }
    case 'confirm':
      if (text === '2' || lower === 'không' || lower === 'khong')
        return { type: 'cancelled', replies: [{ text: sv.cancelled }] };
      if (text !== '1' && lower !== 'gửi' && lower !== 'gui') return again(sv.confirmAgain);
      // The deadline may have passed while the summary waited for an answer.
      if (DateTime.fromISO(draft.dueAt!) <= context.now) {
        const updated: AdHocDraft = { ...draft, step: 'due' };
        return {
          type: 'continue',
          draft: updated,
          replies: prompt(updated, context, 'Hạn nộp đã chọn nay đã qua. Vui lòng nhập hạn mới.'),
        };
      }
      return {
        type: 'confirmed',
        input: {
          title: draft.title!,
          instructions: draft.instructions ?? '',
          flowId: draft.flowId!,
          sections: draft.sections ?? [],
          targets: draft.targets!,
          dueAt: DateTime.fromISO(draft.dueAt!, { zone: context.timeZone }),
        },
      };
  }
}
