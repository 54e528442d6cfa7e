import { DateTime } from 'luxon';
import type { Outbound } from '../../../conversation/messages';
import { UNIT_KINDS } from '../../../domain/unit-kinds';
import { type Flow, UNIT_KIND_LABELS, type UnitKind } from '../../../engine';
import { formatDeadline } from '../../../scheduler/format-date';
import type { UnitDoc } from '../../../store/models';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { parseDueDate } from '../adhoc-due-date';
import { type AdHocRequestInput, type AdHocTargets, resolveTargets } from '../adhoc-request-service';

/** Button data prefix of the wizard's choices: `sy:<value>` stands for typing `<value>`. */
export const WIZARD_BUTTON = 'sy';

const TITLE_MAX = 200;
const INSTRUCTIONS_MAX = 3000;

/** The /yeucau wizard's state, kept in the chat session's `pending` (plain JSON). */
export interface AdHocDraft {
  type: 'adhoc-request';
  step: 'title' | 'instructions' | 'flow' | 'sections' | 'targets' | 'kinds' | 'units' | 'due' | 'confirm';
  title?: string;
  instructions?: string;
  flowId?: string;
  sections?: string[];
  targets?: AdHocTargets;
  /** ISO instant. */
  dueAt?: string;
}

export interface WizardContext {
  now: DateTime;
  timeZone: string;
  units: UnitDoc[];
  mainFlow: Flow;
  adHocFlow: Flow;
  maxChars: number;
}

export type WizardResult =
  | { type: 'continue'; draft: AdHocDraft; replies: Outbound[] }
  | { type: 'cancelled'; replies: Outbound[] }
  | { type: 'confirmed'; input: AdHocRequestInput };

const CANCEL = new Set(['hủy', 'huỷ', 'huy', '/huy', 'thôi', 'thoi']);
const NONE = new Set(['không', 'khong', 'không có', 'khong co', '-']);

function choices(text: string, options: { label: string; value: string }[]): Outbound {
  return {
    text,
    buttons: options.map((option) => [{ label: option.label, data: `${WIZARD_BUTTON}:${option.value}` }]),
  };
}

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

/** Top-level sections of the main outline, with their headings, for choosing part of it. */
export function outlineTops(flow: Flow): { number: string; heading: string }[] {
  const tops: { number: string; heading: string }[] = [];
  for (const section of flow.sections) {
    const top = section.number.split('.')[0]!;
    if (tops.some((t) => t.number === top)) continue;
    tops.push({
      number: top,
      heading: top === section.number ? section.heading : (section.parentHeading ?? section.heading),
    });
  }
  return tops;
}

function activeUnits(context: WizardContext): UnitDoc[] {
  return context.units.filter((unit) => unit.active);
}

function prompt(draft: AdHocDraft, context: WizardContext, problem?: string): Outbound[] {
  const lead = problem ? [{ text: problem }] : [];
  switch (draft.step) {
    case 'title':
      return [
        ...lead,
        {
          text:
            'YÊU CẦU BÁO CÁO ĐỘT XUẤT\nBước 1/6. Đồng chí nhập tên yêu cầu báo cáo ' +
            `(ví dụ: Báo cáo kết quả tổ chức hội nghị đối thoại năm 2026).\n${sv.cancelHint}`,
        },
      ];
    case 'instructions':
      return [
        ...lead,
        {
          text: 'Bước 2/6. Nhập nội dung, hướng dẫn cho các đơn vị (gõ "không" nếu không có hướng dẫn thêm):',
        },
      ];
    case 'flow':
      return [
        ...lead,
        choices(
          'Bước 3/6. Chọn mẫu báo cáo:\n1. Mẫu báo cáo đột xuất (nội dung, số liệu, tài liệu kèm theo)\n' +
            '2. Một số mục của đề cương báo cáo thực hiện dân chủ ở cơ sở',
          [
            { label: '1. Mẫu báo cáo đột xuất', value: '1' },
            { label: '2. Một số mục của đề cương', value: '2' },
          ],
        ),
      ];
    case 'sections':
      return [
        ...lead,
        {
          text:
            'Chọn các mục của đề cương (gõ số La Mã, cách nhau bởi dấu phẩy, ví dụ: I, IV):\n' +
            outlineTops(context.mainFlow)
              .map((t) => `${t.number}. ${t.heading}`)
              .join('\n'),
        },
      ];
    case 'targets':
      return [
        ...lead,
        choices(
          'Bước 4/6. Đơn vị phải báo cáo:\n1. Tất cả đơn vị\n2. Theo loại hình đơn vị\n3. Chọn từng đơn vị',
          [
            { label: '1. Tất cả đơn vị', value: '1' },
            { label: '2. Theo loại hình', value: '2' },
            { label: '3. Chọn từng đơn vị', value: '3' },
          ],
        ),
      ];
    case 'kinds':
      return [
        ...lead,
        {
          text:
            'Chọn loại hình đơn vị (gõ các số, cách nhau bởi dấu phẩy, ví dụ: 1, 5):\n' +
            UNIT_KINDS.map((kind, i) => `${i + 1}. ${UNIT_KIND_LABELS[kind as UnitKind]}`).join('\n'),
        },
      ];
    case 'units': {
      const lines = activeUnits(context).map((unit, i) => `${i + 1}. ${unit.name} (${unit._id})`);
      const text = `Chọn đơn vị (gõ các số, cách nhau bởi dấu phẩy; có thể gõ khoảng, ví dụ: 1, 3, 5-8):\n${lines.join('\n')}`;
      return [...lead, ...splitLines(text, context.maxChars)];
    }
    case 'due':
      return [
        ...lead,
        {
          text:
            'Bước 5/6. Nhập hạn nộp dạng dd/mm/yyyy, có thể kèm giờ HH:mm ' +
            '(ví dụ: 05/12/2026 hoặc 05/12/2026 17:00). Chỉ nhập ngày thì hạn là hết ngày đó.',
        },
      ];
    case 'confirm':
      return [
        ...lead,
        {
          text: `${summary(draft, context)}\n\nBước 6/6. Gửi yêu cầu này cho các đơn vị?\nTrả lời: 1. Gửi yêu cầu   2. Hủy`,
          buttons: [
            [
              { label: '📤 Gửi yêu cầu', data: `${WIZARD_BUTTON}:1` },
              { label: sv.buttons.no, data: `${WIZARD_BUTTON}:2` },
            ],
          ],
        },
      ];
  }
}

function splitLines(text: string, maxChars: number): Outbound[] {
  const limit = Math.max(200, maxChars);
  const out: Outbound[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current !== '' && current.length + line.length + 1 > limit) {
      out.push({ text: current });
      current = '';
    }
    current += `${current === '' ? '' : '\n'}${line}`;
  }
  if (current !== '') out.push({ text: current });
  return out;
}

function targetsText(targets: AdHocTargets, units: UnitDoc[]): string {
  const resolved = resolveTargets(units, targets);
  const names = resolved.map((unit) => unit.name);
  const list = names.length <= 15 ? `: ${names.join('; ')}` : '';
  if (targets.mode === 'all') return `tất cả ${resolved.length} đơn vị`;
  if (targets.mode === 'kinds')
    return `${resolved.length} đơn vị thuộc loại hình ${targets.kinds.map((k) => UNIT_KIND_LABELS[k as UnitKind]).join('; ')}${list}`;
  return `${resolved.length} đơn vị${list}`;
}

function summary(draft: AdHocDraft, context: WizardContext): string {
  const due = DateTime.fromISO(draft.dueAt!, { zone: context.timeZone });
  const form =
    draft.flowId === context.adHocFlow.id
      ? context.adHocFlow.title
      : `các mục ${draft.sections!.join(', ')} của đề cương ${context.mainFlow.title.toLocaleLowerCase('vi')}`;
  return [
    '📋 TÓM TẮT YÊU CẦU',
    `Tên: ${draft.title}`,
    `Hướng dẫn: ${draft.instructions || '(không có)'}`,
    `Mẫu báo cáo: ${form}`,
    `Đơn vị phải báo cáo: ${targetsText(draft.targets!, context.units)}`,
    `Hạn nộp: ${formatDeadline(due)}`,
    'Nhắc hạn: 1 ngày trước hạn, ngày hết hạn và 1 ngày sau hạn (với đơn vị chưa nộp).',
  ].join('\n');
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
