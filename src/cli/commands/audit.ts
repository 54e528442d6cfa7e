import { DateTime } from 'luxon';
import { parseArgs, stringOption } from '../args';
import type { CliApp } from '../cli-app';

/** `audit [--unit <code>] [--round <id>] [--limit N]`: who changed what, when, through which channel. */
export async function auditCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const events = await cli.store.repos.audit.list({
    unitCode: stringOption(options, 'unit'),
    roundId: stringOption(options, 'round'),
    limit: Number(stringOption(options, 'limit') ?? 1000),
  });
  if (events.length === 0) cli.out('Không có sự kiện nào.');
  for (const event of events) {
    const at = DateTime.fromJSDate(event.at, { zone: cli.config.timeZone }).toFormat('dd/MM/yyyy HH:mm:ss');
    const where = [event.roundId, event.unitCode].filter(Boolean).join(' ');
    cli.out(
      `${at}  ${event.channel.padEnd(8)} ${event.actor.padEnd(20)} ${event.action.padEnd(22)} ${where} ${JSON.stringify(event.details)}`,
    );
  }
  return 0;
}
