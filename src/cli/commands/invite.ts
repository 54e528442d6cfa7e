import { parseArgs, stringOption, UsageError } from '../args';
import type { CliApp } from '../cli-app';

/**
 * `invite --unit <code> [--role secretariat] [--days N]` or `invite --secretariat`: prints a
 * single-use code and the Telegram deep link. Only the code's hash is stored.
 */
export async function inviteCommand(args: string[], cli: CliApp): Promise<number> {
  const { options } = parseArgs(args);
  const unitCode = stringOption(options, 'unit') ?? null;
  const secretariat = options.get('secretariat') === true || stringOption(options, 'role') === 'secretariat';
  if (!unitCode && !secretariat) throw new UsageError('invite needs --unit <code> or --secretariat');
  if (unitCode && !(await cli.store.repos.units.get(unitCode))) {
    cli.out(`Không có đơn vị mã "${unitCode}". Xem danh sách: npm run cli -- units`);
    return 1;
  }
  const days = Number(stringOption(options, 'days') ?? cli.config.inviteTtlDays);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError('--days must be a whole number from 1 to 365');
  const now = cli.now();
  const expiresAt = now.plus({ days });
  const role = secretariat ? 'secretariat' : 'contact';
  const code = await cli.store.repos.invites.create({
    unitCode,
    role,
    expiresAt: expiresAt.toJSDate(),
    createdBy: 'cli',
  });
  await cli.store.repos.audit.record({
    at: now.toJSDate(),
    actor: 'cli',
    channel: 'cli',
    action: 'invite.created',
    unitCode,
    details: { role, expiresAt: expiresAt.toISO() },
  });
  const username = await cli.telegramUsername().catch(() => undefined);
  cli.out(`Mã mời: ${code}`);
  cli.out(
    `Đơn vị: ${unitCode ?? '(không)'} · vai trò: ${role === 'secretariat' ? 'Ban Xây dựng Đảng' : 'người báo cáo'} · hết hạn: ${expiresAt.toFormat('HH:mm dd/MM/yyyy')}`,
  );
  if (username) cli.out(`Telegram: https://t.me/${username}?start=${code}`);
  cli.out(`Zalo hoặc web: gửi mã ${code} cho bot.`);
  return 0;
}
