import { DateTime } from 'luxon';
import { type BoardStatus, STATUS_WORDS } from '../../domain/submission-status';
import { deadlineIn, formatDateTimeVi } from '../../scheduler/format-date';
import type { ContactDoc, RoundDoc, SubmissionDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { submissionId } from '../../store/repositories';
import { dataWindowText } from './data-window';
import { roundTargetsUnit } from './rounds-for-unit';

/**
 * Who has reported in a round: one row per target unit, as data. The chat formats it with
 * {@link formatStatusBoardText}; the web dashboard renders the same rows its own way.
 */
export type { BoardStatus };

/** Late units first, then those the secretariat is waiting on, then the finished and the exempt. */
const ORDER: Record<BoardStatus, number> = {
  overdue: 0,
  returned: 1,
  not_started: 2,
  in_progress: 3,
  submitted: 4,
  accepted: 5,
  exempt: 6,
};

export interface BoardRow {
  unitCode: string;
  unitName: string;
  unitKind: string;
  status: BoardStatus;
  /** The stored submission status behind an `overdue` row (not started, in progress or returned). */
  submissionStatus: SubmissionDoc['status'] | null;
  answered: number;
  total: number;
  contacts: number;
  submittedAt: Date | null;
  /** Submitted after the deadline. */
  late: boolean;
  version: number;
  submissionId: string;
}

export interface StatusBoard {
  round: {
    id: string;
    title: string;
    dueAt: Date;
    dueLabel: string;
    dataFrom: Date | null;
    dataTo: Date | null;
  };
  at: Date;
  rows: BoardRow[];
  totals: Record<BoardStatus, number> & { targets: number; finished: number };
}

function isTargetIgnoringExemption(round: RoundDoc, unit: UnitDoc): boolean {
  return roundTargetsUnit({ ...round, exemptUnitCodes: [] }, unit);
}

/** Pure: the rows and totals from what the store holds. */
export function buildStatusBoard(input: {
  round: RoundDoc;
  units: UnitDoc[];
  submissions: SubmissionDoc[];
  contactsByUnit: Map<string, number>;
  now: Date;
}): StatusBoard {
  const { round, now } = input;
  const byUnit = new Map(input.submissions.map((s) => [s.unitCode, s]));
  const overdueNow = now.getTime() > round.dueAt.getTime();
  const rows: (BoardRow & { order: number })[] = [];
  input.units.forEach((unit, index) => {
    if (!isTargetIgnoringExemption(round, unit)) return;
    const submission = byUnit.get(unit._id) ?? null;
    const exempt = round.exemptUnitCodes.includes(unit._id);
    const stored = submission?.status ?? 'not_started';
    let status: BoardStatus;
    if (exempt) status = 'exempt';
    else if (stored === 'submitted' || stored === 'accepted') status = stored;
    else if (overdueNow) status = 'overdue';
    else status = stored;
    const submittedAt = submission?.submittedAt ?? null;
    rows.push({
      unitCode: unit._id,
      unitName: unit.name,
      unitKind: unit.kind,
      status,
      submissionStatus: submission?.status ?? null,
      answered: submission?.answeredCount ?? 0,
      total: submission?.totalCount ?? 0,
      contacts: input.contactsByUnit.get(unit._id) ?? 0,
      submittedAt,
      late: submittedAt !== null && submittedAt.getTime() > round.dueAt.getTime(),
      version: submission?.version ?? 0,
      submissionId: submissionId(round._id, unit._id),
      order: index,
    });
  });
  rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.order - b.order);
  const totals = {
    overdue: 0,
    returned: 0,
    not_started: 0,
    in_progress: 0,
    submitted: 0,
    accepted: 0,
    exempt: 0,
    targets: 0,
    finished: 0,
  };
  for (const row of rows) {
    totals[row.status]++;
    if (row.status !== 'exempt') totals.targets++;
    if (row.status === 'submitted' || row.status === 'accepted') totals.finished++;
  }
  return {
    round: {
      id: round._id,
      title: round.title,
      dueAt: round.dueAt,
      dueLabel: round.dueLabel,
      dataFrom: round.dataFrom ?? null,
      dataTo: round.dataTo ?? null,
    },
    at: now,
    rows: rows.map(({ order: _order, ...row }) => row),
    totals,
  };
}

/** Reads the round, units, submissions and contacts (four queries) and builds the board. */
export async function statusBoard(
  repos: Repositories,
  roundId: string,
  now: Date,
): Promise<StatusBoard | null> {
  const round = await repos.rounds.get(roundId);
  if (!round) return null;
  const [units, submissions, contacts] = await Promise.all([
    repos.units.list(),
    repos.submissions.listByRound(roundId),
    repos.contacts.list({ activeOnly: true }),
  ]);
  return buildStatusBoard({ round, units, submissions, contactsByUnit: countByUnit(contacts), now });
}

function countByUnit(contacts: ContactDoc[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const contact of contacts) {
    if (contact.unitCode) counts.set(contact.unitCode, (counts.get(contact.unitCode) ?? 0) + 1);
  }
  return counts;
}

/** Status words of one row as the secretariat reads them in chat. */
export function rowStatusText(row: BoardRow, timeZone: string): string {
  const when = row.submittedAt
    ? formatDateTimeVi(DateTime.fromJSDate(row.submittedAt, { zone: timeZone }))
    : '';
  switch (row.status) {
    case 'submitted':
      return `${STATUS_WORDS.submitted} ${when}${row.late ? ' (muộn)' : ''}${row.version > 1 ? `, lần ${row.version}` : ''}`;
    case 'accepted':
      return `${STATUS_WORDS.accepted} (nộp ${when})`;
    case 'returned':
      return `${STATUS_WORDS.returned}, chờ nộp lại`;
    case 'in_progress':
      return `${STATUS_WORDS.in_progress} ${row.answered}/${row.total}`;
    case 'not_started':
      return STATUS_WORDS.not_started;
    case 'exempt':
      return STATUS_WORDS.exempt;
    case 'overdue': {
      const detail =
        row.submissionStatus === 'in_progress'
          ? `${STATUS_WORDS.in_progress} ${row.answered}/${row.total}`
          : row.submissionStatus === 'returned'
            ? STATUS_WORDS.returned
            : STATUS_WORDS.not_started;
      return `${STATUS_WORDS.overdue} (${detail})`;
    }
  }
}

const ICONS: Record<BoardStatus, string> = {
  overdue: '🔴',
  returned: '🟠',
  not_started: '⚪',
  in_progress: '🟡',
  submitted: '✅',
  accepted: '☑️',
  exempt: '➖',
};

function dataWindowLine(board: StatusBoard, timeZone: string): string[] {
  const window = dataWindowText(board.round.dataFrom, board.round.dataTo, timeZone);
  return window ? [`Kỳ số liệu: ${window}.`] : [];
}

/** The board as chat messages of at most `maxChars` each (the heading and totals open the first one). */
export function formatStatusBoardText(board: StatusBoard, maxChars: number, timeZone: string): string[] {
  const t = board.totals;
  const at = formatDateTimeVi(DateTime.fromJSDate(board.at, { zone: timeZone }));
  const head = [
    `📊 TÌNH HÌNH NỘP BÁO CÁO — ${board.round.title}`,
    `Hạn nộp: ${deadlineIn(board.round.dueAt, timeZone)}. Cập nhật lúc ${at}.`,
    ...dataWindowLine(board, timeZone),
    `Đã nộp ${t.finished}/${t.targets} đơn vị` +
      ` (đã tiếp nhận ${t.accepted}); quá hạn ${t.overdue}; bị trả lại ${t.returned};` +
      ` đang soạn ${t.in_progress}; chưa bắt đầu ${t.not_started}` +
      (t.exempt > 0 ? `; miễn ${t.exempt}.` : '.'),
    '',
  ].join('\n');
  const lines = board.rows.map(
    (row, index) =>
      `${ICONS[row.status]} ${index + 1}. ${row.unitName} (${row.unitCode}) — ${rowStatusText(row, timeZone)}` +
      (row.contacts === 0 && row.status !== 'exempt' ? ' — chưa có người liên hệ' : ''),
  );
  if (lines.length === 0) lines.push('Đợt báo cáo này chưa có đơn vị nào phải báo cáo.');
  const limit = Math.max(200, maxChars);
  const messages: string[] = [];
  let current = head;
  for (const line of lines) {
    const piece = line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
    if (current.length + piece.length + 1 > limit) {
      messages.push(current.trimEnd());
      current = '';
    }
    current += `${current === '' ? '' : '\n'}${piece}`;
  }
  messages.push(current.trimEnd());
  return messages;
}
