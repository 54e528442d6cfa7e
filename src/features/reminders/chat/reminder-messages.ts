import type { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { Outbound } from '../../../conversation/messages';
import { isHandedIn, STATUS_WORDS } from '../../../domain/submission-status';
import {
  type DigestContent,
  formatDateVi,
  formatDeadline,
  type SubmissionStatus,
  type UnitProgress,
} from '../../../scheduler';

/**
 * Vietnamese texts of reminders and secretariat digests. Kept apart from the sending logic so the
 * secretariat can review the wording without reading the pass.
 */

/** Label of the button that reopens the round (`r:<roundId>`, handled by the report feature). */
export const CONTINUE_BUTTON_LABEL = 'Tiếp tục báo cáo';

export interface UnitReminderText {
  roundId: string;
  roundTitle: string;
  dueAt: DateTime;
  /** Local midnight of the date named in the deadline (scheduler `dueDate`). */
  dueDate: DateTime;
  unitName: string;
  progress: { status: SubmissionStatus; answered: number; total: number };
  /** Instant of the stage (for "còn N ngày"). */
  stageAt: DateTime;
  /** The stage comes after the deadline. */
  overdue: boolean;
  /** The round-opening stage. */
  opening: boolean;
  /** Sent by hand by the secretariat (`/nhac`). */
  manual: boolean;
  /** "từ ngày 1/12/2025 đến ngày 30/11/2026": the period the figures cover, when the round has one. */
  dataWindow?: string;
  /** The recipient's platform shows buttons; without them (Zalo) only the command is named. */
  buttons: boolean;
}

/** "đã trả lời 5/23 câu", "chưa bắt đầu", or the returned-for-correction wording. */
export function progressText(p: { status: SubmissionStatus; answered: number; total: number }): string {
  const counts = p.total > 0 ? `${p.answered}/${p.total}` : String(p.answered);
  if (p.status === 'returned') return `báo cáo được trả lại để chỉnh sửa, đã trả lời ${counts} câu`;
  if (isHandedIn(p.status)) return STATUS_WORDS.submitted;
  if (p.answered === 0) return STATUS_WORDS.not_started;
  return `đã trả lời ${counts} câu`;
}

function timingLine(m: UnitReminderText): string {
  if (m.overdue) return '⚠️ Đơn vị đã quá hạn nộp báo cáo. Đề nghị hoàn thành và nộp ngay.';
  if (m.opening) return 'Đợt báo cáo đã bắt đầu.';
  if (m.stageAt.hasSame(m.dueAt, 'day')) return 'Hôm nay là ngày cuối cùng để nộp báo cáo.';
  // Counted to the last day the deadline names ("hết ngày 9/12"): on 3/12 that is 6 days, not 7.
  const lastDay = m.dueAt.minus({ milliseconds: 1 }).startOf('day');
  const days = Math.round(lastDay.diff(m.stageAt.startOf('day'), 'days').days);
  if (days > 0) return `Còn ${days} ngày nữa là đến hạn.`;
  return '';
}

/** A unit's reminder, with the button that reopens the round (text-only platforms name the command). */
export function unitReminderMessage(m: UnitReminderText): Outbound {
  const header = m.manual
    ? `🔔 Ban Xây dựng Đảng nhắc: ${m.roundTitle}`
    : m.overdue
      ? `🔔 Nhắc báo cáo quá hạn: ${m.roundTitle}`
      : `🔔 Nhắc báo cáo: ${m.roundTitle}`;
  const lines = [
    header,
    `Đơn vị: ${m.unitName}`,
    `Hạn nộp: ${formatDeadline(m.dueAt, { weekday: true })}.`,
    ...(m.dataWindow ? [`Số liệu báo cáo tính ${m.dataWindow}.`] : []),
    `Tiến độ: ${progressText(m.progress)}.`,
  ];
  const timing = timingLine(m);
  if (timing) lines.push(timing);
  const how = m.buttons ? `Bấm "${CONTINUE_BUTTON_LABEL}" hoặc gõ /baocao` : 'Gõ /baocao';
  lines.push('', `${how} để tiếp tục từ câu đang dừng.`);
  return {
    text: lines.join('\n'),
    buttons: [[{ label: CONTINUE_BUTTON_LABEL, data: CALLBACKS.chooseRound.encode({ roundId: m.roundId }) }]],
  };
}

export interface DigestNames {
  unitName(code: string): string;
  contactName(id: string): string;
  /** A unit's place in the units file: digests list units in the order /tinhhinh does. */
  unitOrder?(code: string): number;
}

function unitLine(u: UnitProgress, names: DigestNames, index: number): string {
  const contacts = u.contacts.map((c) => names.contactName(c.id)).join(', ');
  return `${index}. ${names.unitName(u.unitCode)}: ${progressText(u)}${contacts ? ` — liên hệ: ${contacts}` : ''}`;
}

function unreachableLine(u: UnitProgress, names: DigestNames): string {
  const blocked = u.contacts.filter((c) => !c.reachable).map((c) => names.contactName(c.id));
  const why =
    blocked.length > 0 ? `người liên hệ đã chặn bot: ${blocked.join(', ')}` : 'chưa có người liên hệ';
  return `- ${names.unitName(u.unitCode)} (${progressText(u)}; ${why})`;
}

/** The secretariat's digest as one text; the caller splits it to the platform's length. */
/** Reminders a stopped pass may not have delivered: listed once in the digests, never resent. */
export function interruptedNotice(recipients: readonly string[]): string {
  return [
    'Tin nhắc có thể chưa tới (bot dừng đúng lúc đang gửi, không gửi lại để tránh trùng):',
    ...recipients.map((name) => `- ${name}`),
  ].join('\n');
}

export function digestText(d: DigestContent, names: DigestNames, at: DateTime): string {
  const late = d.type === 'late';
  const { counts } = d;
  const lines = [
    late ? `📋 Danh sách đơn vị chậm nộp: ${d.roundTitle}` : `📋 Tình hình nộp báo cáo: ${d.roundTitle}`,
    `Hạn nộp: ${formatDeadline(d.dueAt, { weekday: true })}${late ? ' — đã quá hạn' : ''}.`,
    `Số liệu đến ${at.toFormat('HH:mm')} ngày ${formatDateVi(at)}:`,
    `- Đã nộp: ${counts.done}/${counts.expected} đơn vị`,
    `- Chưa nộp: ${counts.pending}${counts.unreachable > 0 ? ` (${counts.unreachable} không liên lạc được)` : ''}`,
  ];
  if (counts.exempt > 0) lines.push(`- Miễn nộp: ${counts.exempt}`);
  const order = names.unitOrder ?? (() => 0);
  const inBoardOrder = [...d.pending].sort((a, b) => order(a.unitCode) - order(b.unitCode));
  const reachable = inBoardOrder.filter((u) => u.reachable);
  const unreachable = inBoardOrder.filter((u) => !u.reachable);
  if (reachable.length > 0) {
    lines.push('', late ? 'Đơn vị chậm nộp:' : 'Đơn vị chưa nộp:');
    reachable.forEach((u, i) => {
      lines.push(unitLine(u, names, i + 1));
    });
  }
  if (unreachable.length > 0) {
    lines.push('', 'Không liên lạc được qua bot (cần liên hệ trực tiếp):');
    for (const u of unreachable) lines.push(unreachableLine(u, names));
  }
  if (d.pending.length === 0) lines.push('', 'Tất cả đơn vị đã nộp báo cáo.');
  return lines.join('\n');
}
