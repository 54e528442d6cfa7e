import { setExemption } from '../../features/rounds/exemptions';
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
  const outcome = await setExemption(cli.store.repos, {
    roundId,
    unitCode,
    exempt: !undo,
    actor: 'cli',
    channel: 'cli',
    at: cli.now().toJSDate(),
  });
  if (outcome.type === 'unknown-round') {
    cli.out(`Không có đợt báo cáo "${roundId}".`);
    return 1;
  }
  if (outcome.type === 'unknown-unit') {
    cli.out(`Không có đơn vị mã "${unitCode}".`);
    return 1;
  }
  const { round, unit } = outcome;
  cli.out(undo ? `${unit.name}: phải báo cáo ${round.title}.` : `${unit.name}: được miễn ${round.title}.`);
  return 0;
}
