import { UNIT_KIND_LABELS } from '../../engine';
import { loadUnits } from '../../features/units/load-units';
import type { UnitUpsertResult } from '../../store/repositories/units';
import { StoreLeaseBusyError } from '../../store/store-lease';
import { parseArgs, stringOption } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `units:load [--file f]`: idempotent; prints what was created, updated or left unchanged. The
 * explicit way to seed a ward: the units then join the open periodic rounds (created if missing,
 * as the bot's start and reminder pass do), so that a command such as `exempt` finds them. Safe
 * beside the bot and another load: the units are written under a store lease (one at a time).
 */
export async function unitsLoadCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const file = stringOption(options, 'file') ?? cli.config.unitsFile;
  let result: UnitUpsertResult;
  try {
    result = await loadUnits(cli.store.repos, {
      file,
      actor: 'cli',
      channel: 'cli',
      at: cli.now().toJSDate(),
    });
  } catch (error) {
    if (!(error instanceof StoreLeaseBusyError)) throw error;
    cli.out(
      `Không nạp được ${file}: một tiến trình khác (${error.heldFor}) đang ghi danh sách đơn vị đã hơn một phút. Chờ nó xong rồi chạy lại lệnh.`,
    );
    return 1;
  }
  cli.out(
    `Đã nạp ${file}: ${result.created.length} mới, ${result.updated.length} cập nhật, ${result.unchanged.length} không đổi.`,
  );
  for (const code of result.created) cli.out(`  + ${code}`);
  for (const code of result.updated) cli.out(`  ~ ${code}`);
  const ensured = await cli.useCases.rounds.ensurePeriodicRounds(cli.now());
  if (ensured.createdRounds.length > 0) cli.out(`Đã mở đợt báo cáo: ${ensured.createdRounds.join(', ')}`);
  return 0;
}

/** `units`: the units with their kind and active contacts. */
export async function unitsListCommand(_args: string[], cli: CliApp): Promise<number> {
  const units = await cli.store.repos.units.list();
  const contacts = await cli.store.repos.contacts.list({ activeOnly: true });
  for (const unit of units) {
    const own = contacts.filter((contact) => contact.unitCode === unit._id);
    cli.out(
      `${unit._id.padEnd(22)} ${unit.name} — ${UNIT_KIND_LABELS[unit.kind]}${unit.active ? '' : ' (ngừng)'} — ${own.length} người liên hệ`,
    );
    for (const contact of own)
      cli.out(
        `    ${contact._id} ${contact.displayName}${contact.role === 'secretariat' ? ' [Ban XDĐ]' : ''}`,
      );
  }
  return 0;
}
