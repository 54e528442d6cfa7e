import { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound } from '../../../conversation/messages';
import { UNIT_KINDS } from '../../../domain/unit-kinds';
import { type Flow, UNIT_KIND_LABELS, type UnitKind } from '../../../engine';
import { formatDeadline } from '../../../scheduler/format-date';
import type { UnitDoc } from '../../../store/models';
import { sv } from '../../secretariat/chat/secretariat-texts';
import { type AdHocTargets, resolveTargets } from '../adhoc-request-service';
import type { AdHocDraft } from './adhoc-request-draft';

/** What the /yeucau wizard's questions show: the units, the outlines, the time, the room in a message. */
export interface WizardContext {
  now: DateTime;
  timeZone: string;
  units: UnitDoc[];
  mainFlow: Flow;
  adHocFlow: Flow;
  maxChars: number;
}

/** A question whose text lists its options as "1. …", "2. …", in the order of their buttons. */
function choices(text: string, options: { label: string; value: string }[]): Outbound {
  return {
    text,
    choices: 'listed',
    buttons: options.map((option) => [
      { label: option.label, data: CALLBACKS.requestWizard.encode({ value: option.value }) },
    ]),
  };
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

export function activeUnits(context: WizardContext): UnitDoc[] {
  return context.units.filter((unit) => unit.active);
}

/** The question of the draft's step (after the problem with the last answer, if any). */
export function prompt(draft: AdHocDraft, context: WizardContext, problem?: string): Outbound[] {
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
          choices: 'listed',
          buttons: [
            [
              { label: '📤 Gửi yêu cầu', data: CALLBACKS.requestWizard.encode({ value: '1' }) },
              { label: sv.buttons.no, data: CALLBACKS.requestWizard.encode({ value: '2' }) },
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
