import { DateTime } from 'luxon';
import { auditActionLabel } from '../../domain/audit-actions';
import { type BoardStatus, statusLabel } from '../../domain/submission-status';
import type { BoardRow, StatusBoard } from '../../features/rounds/status-board';
import type {
  AuditTrail,
  DashboardAuditEvent,
  DashboardRound,
  UnitReportView,
} from '../../features/secretariat/dashboard';
import { deadlineIn, formatDateTimeVi, formatDateVi } from '../../scheduler/format-date';
import { html, type SafeHtml } from './html';
import { page } from './layout';

/** The rows the dashboard shows: the status-board service's own rows, fields it renders only. */
export type BoardStatusView = BoardStatus;
export type BoardRowView = Pick<
  BoardRow,
  'unitCode' | 'unitName' | 'status' | 'answered' | 'total' | 'contacts' | 'submittedAt' | 'late' | 'version'
>;
export interface BoardView {
  rows: BoardRowView[];
  totals: StatusBoard['totals'];
}

const KIND_LABELS: Record<DashboardRound['kind'], string> = {
  annual: 'Báo cáo năm',
  semiannual: 'Báo cáo 6 tháng',
  'dot-xuat': 'Yêu cầu đột xuất',
};

export interface DashboardChrome {
  csrf: string;
  who: string;
  active: 'rounds' | 'adhoc' | 'audit';
  demo: boolean;
}

function nav(chrome: DashboardChrome): SafeHtml {
  const link = (key: DashboardChrome['active'], href: string, label: string) =>
    html`<a href="${href}" class="${chrome.active === key ? 'active' : ''}">${label}</a>`;
  return html`${link('rounds', '/bang-dieu-khien', 'Đợt báo cáo')}${link('adhoc', '/bang-dieu-khien/dot-xuat', 'Yêu cầu đột xuất')}${link('audit', '/bang-dieu-khien/nhat-ky', 'Nhật ký')}${chrome.demo ? html`<a href="/web">Trò chuyện</a>` : ''}<form method="post" action="/bang-dieu-khien/dang-xuat" class="inline"><input type="hidden" name="csrf" value="${chrome.csrf}"><button type="submit">Đăng xuất</button></form>`;
}

function shell(chrome: DashboardChrome, title: string, body: SafeHtml): string {
  return page({
    title: `${title} — Bảng điều khiển`,
    subtitle: `Bảng điều khiển Ban Xây dựng Đảng · ${chrome.who}`,
    nav: nav(chrome),
    body: html`<main>${body}</main>`,
  });
}

function when(date: Date | null, zone: string): string {
  return date ? formatDateTimeVi(DateTime.fromJSDate(date, { zone })) : '';
}

function day(date: Date | null, zone: string): string {
  return date ? formatDateVi(DateTime.fromJSDate(date, { zone })) : '';
}

export function badge(status: BoardStatusView): SafeHtml {
  return html`<span class="badge s-${status}">${statusLabel(status)}</span>`;
}

function progressBar(answered: number, total: number): SafeHtml {
  // A report never opened has no question count yet.
  if (total === 0) return html`<span class="small muted">—</span>`;
  const percent = total > 0 ? Math.min(100, Math.round((answered / total) * 100)) : 0;
  return html`<div class="bar" title="${answered}/${total}"><span style="width:${percent}%"></span></div><span class="small muted">${answered}/${total}</span>`;
}

export function roundsPage(
  chrome: DashboardChrome,
  zone: string,
  rounds: { round: DashboardRound; board: BoardView | null }[],
): string {
  const body = html`<h1>Các đợt báo cáo</h1>
${
  rounds.length === 0
    ? html`<div class="notice">Chưa có đợt báo cáo nào.</div>`
    : html`<div class="table-wrap"><table>
<thead><tr><th>Đợt báo cáo</th><th class="hide-sm">Loại</th><th>Hạn nộp</th><th>Đã nộp</th><th>Quá hạn</th></tr></thead>
<tbody>${rounds.map(
        ({ round, board }) => html`<tr data-round="${round._id}">
<td><a href="/bang-dieu-khien/dot/${encodeURIComponent(round._id)}">${round.title}</a></td>
<td class="hide-sm">${KIND_LABELS[round.kind]}</td>
<td>${deadlineIn(round.dueAt, zone)}</td>
<td>${board ? `${board.totals.finished}/${board.totals.targets}` : ''}</td>
<td>${board && board.totals.overdue > 0 ? html`<span class="badge s-overdue">${board.totals.overdue}</span>` : '0'}</td>
</tr>`,
      )}</tbody></table></div>`
}`;
  return shell(chrome, 'Đợt báo cáo', body);
}

export function boardPage(
  chrome: DashboardChrome,
  zone: string,
  round: DashboardRound,
  board: BoardView,
  exports: boolean,
): string {
  const id = encodeURIComponent(round._id);
  const t = board.totals;
  const total = (label: string, value: number, status?: BoardStatusView) =>
    html`<div class="t" ${status ? html`data-total="${status}"` : ''}><b>${value}</b><span class="small muted">${label}</span></div>`;
  const body = html`<p class="small"><a href="/bang-dieu-khien">← Các đợt báo cáo</a></p>
<h1>${round.title}</h1>
<p class="muted">Mở từ ${day(round.opensAt, zone)} · Hạn nộp: ${deadlineIn(round.dueAt, zone)}</p>
${round.request ? html`<div class="card"><strong>${round.request.title}</strong><pre class="report">${round.request.instructions}</pre></div>` : ''}
<div class="totals">
${total(statusLabel('submitted'), t.finished, 'submitted')}${total('Đơn vị phải nộp', t.targets)}${total(statusLabel('overdue'), t.overdue, 'overdue')}${total(statusLabel('in_progress'), t.in_progress, 'in_progress')}${total(statusLabel('not_started'), t.not_started, 'not_started')}${t.returned > 0 ? total(statusLabel('returned'), t.returned, 'returned') : ''}${t.exempt > 0 ? total(statusLabel('exempt'), t.exempt, 'exempt') : ''}
</div>
${
  exports
    ? html`<div class="card"><strong>Tải văn bản tổng hợp:</strong>
<a class="btn" href="/bang-dieu-khien/dot/${id}/xuat/docx" data-testid="export-docx">Báo cáo tổng hợp (.docx)</a>
<a class="btn light" href="/bang-dieu-khien/dot/${id}/xuat/xlsx" data-testid="export-xlsx">Bảng số liệu (.xlsx)</a></div>`
    : ''
}
<h2>Tình hình nộp báo cáo</h2>
<div class="table-wrap"><table id="board">
<thead><tr><th>#</th><th>Đơn vị</th><th>Trạng thái</th><th>Tiến độ</th><th class="hide-sm">Nộp lúc</th><th class="hide-sm">Người liên hệ</th><th class="hide-sm"></th></tr></thead>
<tbody>${board.rows.map(
    (row, index) => html`<tr data-unit="${row.unitCode}" data-status="${row.status}">
<td>${index + 1}</td>
<td><a href="/bang-dieu-khien/dot/${id}/don-vi/${encodeURIComponent(row.unitCode)}">${row.unitName}</a></td>
<td>${badge(row.status)}${row.late ? html` <span class="small muted">(nộp muộn)</span>` : ''}${row.version > 1 ? html` <span class="small muted">lần ${row.version}</span>` : ''}</td>
<td>${row.status === 'exempt' ? '' : progressBar(row.answered, row.total)}</td>
<td class="hide-sm">${when(row.submittedAt, zone)}</td>
<td class="hide-sm">${row.contacts === 0 ? html`<span class="small" style="color:var(--bad)">chưa có</span>` : row.contacts}</td>
<td class="hide-sm"><form method="post" action="/bang-dieu-khien/dot/${id}/mien" class="inline"><input type="hidden" name="csrf" value="${chrome.csrf}"><input type="hidden" name="donvi" value="${row.unitCode}"><input type="hidden" name="mien" value="${row.status === 'exempt' ? '0' : '1'}"><button class="btn light btn-sm" type="submit">${row.status === 'exempt' ? 'Bỏ miễn' : 'Miễn'}</button></form></td>
</tr>`,
  )}</tbody></table></div>
${board.rows.length === 0 ? html`<p class="muted">Đợt này chưa có đơn vị nào phải báo cáo.</p>` : ''}
<p class="small"><a href="/bang-dieu-khien/nhat-ky?dot=${id}">Nhật ký của đợt này</a></p>`;
  return shell(chrome, round.title, body);
}

export function unitReportPage(
  chrome: DashboardChrome,
  zone: string,
  round: DashboardRound,
  view: UnitReportView,
  exports: boolean,
): string {
  const id = encodeURIComponent(round._id);
  const body = html`<p class="small"><a href="/bang-dieu-khien/dot/${id}">← ${round.title}</a></p>
<h1>${view.unitName}</h1>
<p>${badge(view.status)} ${view.receiptNo ? html`<span class="small muted">Số tiếp nhận ${view.receiptNo}, nộp lúc ${when(view.submittedAt, zone)}</span>` : ''}</p>
${exports ? html`<p><a class="btn light" href="/bang-dieu-khien/dot/${id}/don-vi/${encodeURIComponent(view.unitCode)}/xuat" data-testid="export-unit">Tải báo cáo của đơn vị (.docx)</a></p>` : ''}
${
  view.sections.length === 0
    ? html`<div class="notice">Đơn vị chưa trả lời câu nào.</div>`
    : view.sections.map(
        (section) =>
          html`<div class="card"><h2 style="margin-top:0">${section.title}</h2>${section.items.map(
            (item) =>
              html`<div style="margin-bottom:10px"><div class="small muted">${item.number === null ? '' : `Câu ${item.number}. `}${item.label}</div><pre class="report">${item.value ?? (item.required ? '(chưa trả lời — bắt buộc)' : '(chưa trả lời)')}</pre></div>`,
          )}</div>`,
      )
}`;
  return shell(chrome, view.unitName, body);
}

export function adhocPage(
  chrome: DashboardChrome,
  zone: string,
  rounds: { round: DashboardRound; board: BoardView | null; targets: string[] }[],
): string {
  const body = html`<h1>Yêu cầu báo cáo đột xuất</h1>
${
  rounds.length === 0
    ? html`<div class="notice">Chưa có yêu cầu đột xuất nào. Ban Xây dựng Đảng tạo yêu cầu trong trò chuyện với bot.</div>`
    : rounds.map(
        ({ round, board, targets }) => html`<div class="card" data-round="${round._id}">
<h2 style="margin-top:0"><a href="/bang-dieu-khien/dot/${encodeURIComponent(round._id)}">${round.request?.title ?? round.title}</a></h2>
<p class="small muted">Tạo ngày ${day(round.opensAt, zone)} · Hạn: ${deadlineIn(round.dueAt, zone)} · ${board ? `Đã nộp ${board.totals.finished}/${board.totals.targets}` : ''}</p>
${round.request?.instructions ? html`<pre class="report">${round.request.instructions}</pre>` : ''}
<p class="small">Đơn vị được yêu cầu: ${targets.length > 0 ? targets.join(', ') : 'theo loại hình đơn vị'}</p>
</div>`,
      )
}`;
  return shell(chrome, 'Yêu cầu đột xuất', body);
}

export function auditPage(
  chrome: DashboardChrome,
  zone: string,
  { events, names, ...filter }: AuditTrail,
): string {
  const details = (event: DashboardAuditEvent) => {
    const text = JSON.stringify(event.details ?? {});
    return text === '{}' ? '' : text.length > 240 ? `${text.slice(0, 240)}…` : text;
  };
  const body = html`<h1>Nhật ký thao tác${filter.round ? html` — ${filter.round.title}` : ''}</h1>
<p class="muted small">Mới nhất ở trên. ${filter.truncated ? 'Chỉ hiển thị các sự kiện gần nhất.' : ''} ${filter.round ? html`<a href="/bang-dieu-khien/nhat-ky">Xem toàn bộ</a>` : ''}</p>
<div class="table-wrap"><table id="audit">
<thead><tr><th>Thời gian</th><th>Người thực hiện</th><th>Thao tác</th><th class="hide-sm">Kênh</th><th>Đơn vị</th><th class="hide-sm">Chi tiết</th></tr></thead>
<tbody>${events.map(
    (event) => html`<tr>
<td>${when(event.at, zone)}</td>
<td>${names.get(event.actor) ?? event.actor}</td>
<td>${auditActionLabel(event.action)}</td>
<td class="hide-sm">${event.channel}</td>
<td>${event.unitCode ? (names.get(`unit:${event.unitCode}`) ?? event.unitCode) : ''}</td>
<td class="hide-sm small" style="word-break:break-word">${details(event)}</td>
</tr>`,
  )}</tbody></table></div>
${events.length === 0 ? html`<p class="muted">Chưa có sự kiện nào.</p>` : ''}`;
  return shell(chrome, 'Nhật ký', body);
}
