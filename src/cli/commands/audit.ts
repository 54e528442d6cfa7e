import { DateTime } from 'luxon';
import { auditActionLabel } from '../../domain/audit-actions';
import { auditTrail } from '../../features/secretariat/audit-trail';
import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `audit [--unit <code>] [--round <id>] [--limit N]`: who changed what, when, through which
 * channel: the latest N events (1000 by default), oldest first, read through the same use case as
 * the dashboard's audit page and labelled with the same words ("Nộp báo cáo (submission.submitted)").
 */
export async function auditCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const limit = Number(stringOption(options, 'limit') ?? 1000);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number from 1');
  const roundId = stringOption(options, 'round') ?? null;
  const trail = await auditTrail(cli.store.repos, {
    roundId,
    unitCode: stringOption(options, 'unit'),
    limit,
  });
  if (!trail) {
    cli.out(`Không có đợt báo cáo "${roundId}".`);
    return 1;
  }
  if (trail.events.length === 0) cli.out('Không có sự kiện nào.');
  if (trail.truncated) cli.out(`(${limit} sự kiện gần nhất; dùng --limit để xem thêm)`);
  for (const event of [...trail.events].reverse()) {
    const at = DateTime.fromJSDate(event.at, { zone: cli.config.timeZone }).toFormat('dd/MM/yyyy HH:mm:ss');
    const where = [event.roundId, event.unitCode].filter(Boolean).join(' ');
    const action = `${auditActionLabel(event.action)} (${event.action})`;
    cli.out(
      `${at}  ${event.channel.padEnd(8)} ${event.actor.padEnd(20)} ${action.padEnd(40)} ${where} ${JSON.stringify(event.details)}`,
    );
  }
  return 0;
}
