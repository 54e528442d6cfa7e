import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `exempt --round <id> --unit <code> [--undo]`: a unit exempted from a round receives no
 * reminders and counts as exempt, not late.
 */
export async function exemptCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const roundId = stringOption(options, 'round');
  const unitCode = stringOption(options, 'unit');
  if (!roundId || !unitCode) throw new UsageError('exempt needs --round <id> and --unit <code>');
  const undo = options.get('undo') === true;
  const [round, unit] = await Promise.all([
    cli.store.repos.rounds.get(roundId),
    cli.store.repos.units.get(unitCode),
  ]);
  if (!round) {
    cli.out(`Không có đợt báo cáo "${roundId}".`);
    return 1;
  }
  if (!unit) {
    cli.out(`Không có đơn vị mã "${unitCode}".`);
    return 1;
  }
  await cli.store.repos.rounds.setExempt(roundId, unitCode, !undo);
  await cli.store.repos.audit.record({
    at: cli.now().toJSDate(),
    actor: 'cli',
    channel: 'cli',
    action: undo ? 'round.exemption-removed' : 'round.exempted',
    roundId,
    unitCode,
  });
  cli.out(undo ? `${unit.name}: phải báo cáo ${round.title}.` : `${unit.name}: được miễn ${round.title}.`);
  return 0;
}
