import { DateTime } from 'luxon';
import type { ReminderItem, ReminderPassResult } from '../../features/reminders/reminder-service';
import { formatDateTimeVi } from '../../scheduler';
import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `remind [--at <ISO instant>] [--dry-run]`: one reminder pass as of that instant, through exactly
 * the code the cron runs. Ops use `--dry-run` to preview; tests use `--at` to travel in time.
 */
export async function remindCommand(args: string[], app: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const zone = app.schedule.timezone;
  const atText = stringOption(options, 'at');
  let at = app.now().setZone(zone);
  if (atText !== undefined) {
    const parsed = DateTime.fromISO(atText, { setZone: true });
    if (!parsed.isValid)
      throw new UsageError(`--at: not an ISO instant: ${atText} (e.g. 2026-12-03T08:00:00+07:00)`);
    at = parsed.setZone(zone);
  }
  const dryRun = options.has('dry-run');
  // The bot's reminder use case, sending through every enabled platform's connection.
  const result = await app.useCases.reminders.runReminderPass({ at, dryRun, actor: 'cli', channel: 'cli' });
  for (const line of describePass(result)) app.out(line);
  return 0;
}

const row = (i: ReminderItem) => {
  const who = `${i.recipientName} (${i.recipientId})`;
  const what = i.kind === 'secretariat-digest' ? 'tổng hợp cho Ban Xây dựng Đảng' : (i.unitName ?? '');
  return `  ${i.roundId}  ${i.stage.padEnd(16)} ${what}  →  ${who}${i.reason ? `  [${i.reason}]` : ''}`;
};

/** The pass as readable lines (Vietnamese with English glosses: ops read both). */
export function describePass(result: ReminderPassResult): string[] {
  const out = [
    `Lượt nhắc hạn lúc ${formatDateTimeVi(result.at, { weekday: true })}` +
      (result.dryRun ? ' — chạy thử, không gửi gì (dry run)' : ''),
  ];
  if (result.quietHours) out.push('Đang trong giờ yên lặng: không gửi tin nào (quiet hours).');
  const section = (title: string, items: ReminderItem[]) => {
    if (items.length === 0) return;
    out.push(`${title} (${items.length}):`, ...items.map(row));
  };
  section('Sẽ gửi / would send', result.wouldSend);
  section('Đã gửi / sent', result.sent);
  section('Lỗi / failed', result.failed);
  section('Bỏ qua / skipped', result.skipped);
  if (result.unreachable.length > 0) {
    out.push(`Không liên lạc được / unreachable, nobody to remind (${result.unreachable.length}):`);
    for (const u of result.unreachable) {
      const why = u.reason === 'no-contact' ? 'chưa có người liên hệ' : 'người liên hệ đã chặn bot';
      out.push(`  ${u.roundId}  ${u.stage.padEnd(16)} ${u.unitName} (${u.unitCode}) — ${why}`);
    }
  }
  if (result.stalePending.length > 0) {
    out.push(`Đóng ${result.stalePending.length} lượt gửi dở dang (interrupted claims closed, not resent).`);
  }
  const counts = result.dryRun
    ? `sẽ gửi ${result.wouldSend.length}`
    : `đã gửi ${result.sent.length}, lỗi ${result.failed.length}`;
  out.push(
    `Tổng / total: ${counts}, bỏ qua ${result.skipped.length}, không liên lạc được ${result.unreachable.length}.`,
  );
  return out;
}
