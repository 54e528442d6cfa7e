import type { DateTime } from 'luxon';
import { CALLBACKS } from '../../../conversation/callbacks';
import type { ChannelSender, Outbound } from '../../../conversation/messages';
import { splitText } from '../../../conversation/split-text';
import { type DigestContent, dueDate, type PlannedReminder, type Schedule } from '../../../scheduler';
import { dataWindowText } from '../../rounds/data-window';
import type { ReminderWorld } from '../reminder-world';
import { digestText, interruptedNotice, unitReminderMessage } from './reminder-messages';

export const DIGEST_BOARD_BUTTON = '📊 Xem tình hình nộp báo cáo';

/** The messages of one planned reminder: a unit's reminder, or the secretariat's digest split to fit the channel. */
export function renderReminder(
  world: ReminderWorld,
  schedule: Schedule,
  p: PlannedReminder,
  sender: ChannelSender,
  at: DateTime,
  manual: boolean,
): Outbound[] {
  const round = world.rounds.find((r) => r.info.id === p.roundId);
  if (!round) throw new Error(`round ${p.roundId} not loaded`);
  if (p.kind === 'unit-reminder') {
    const stage = round.info.reminderPlan.find((s) => s.name === p.stage);
    return [
      unitReminderMessage({
        roundId: p.roundId,
        roundTitle: round.info.title,
        dueAt: round.info.dueAt,
        dueDate: dueDate(round.info, schedule),
        unitName: world.units.get(p.unitCode)?.name ?? p.unitCode,
        progress: p.progress,
        stageAt: p.stageAt,
        overdue: p.overdue,
        opening: stage?.from === 'opens',
        manual,
        dataWindow: dataWindowText(round.doc.dataFrom, round.doc.dataTo, schedule.timezone),
        buttons: sender.buttons,
      }),
    ];
  }
  const unitName = (code: string) => world.units.get(code)?.name ?? code;
  // world.units keeps the units file's order, the order /tinhhinh lists units in.
  const order = new Map([...world.units.keys()].map((code, index) => [code, index]));
  const text = digestText(
    p.digest,
    {
      unitName,
      contactName: (id) => world.contacts.get(id)?.displayName || id,
      unitOrder: (code) => order.get(code) ?? order.size,
    },
    at,
  );
  const interrupted = (world.interrupted.get(p.roundId) ?? []).map((claim) => {
    const contact = world.contacts.get(claim.recipientId)?.displayName || claim.recipientId;
    return `${unitName(claim.unitCode ?? '')} (${contact})`;
  });
  const notice = interrupted.length === 0 ? '' : `\n\n${interruptedNotice(interrupted)}`;
  const parts = splitText(text + notice, sender.maxTextLength).map((part): Outbound => ({ text: part }));
  // The board is one press away from the digest (on Zalo, one typed number).
  const board = CALLBACKS.board.tryEncode({ roundId: p.roundId });
  const last = parts.at(-1);
  if (last && board) last.buttons = [[{ label: DIGEST_BOARD_BUTTON, data: board }]];
  return parts;
}

/** Contacts of pending units newly found unreachable in this pass are shown as such in its digests. */
export function patchDigest(d: DigestContent, gone: ReadonlySet<string>): DigestContent {
  if (gone.size === 0) return d;
  const pending = d.pending.map((u) => {
    const contacts = u.contacts.map((c) => (gone.has(c.id) ? { ...c, reachable: false } : c));
    return { ...u, contacts, reachable: contacts.some((c) => c.reachable) };
  });
  const unreachable = pending.filter((u) => !u.reachable).map((u) => u.unitCode);
  return { ...d, pending, unreachable, counts: { ...d.counts, unreachable: unreachable.length } };
}
