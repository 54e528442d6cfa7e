import { createInvitation } from '../../features/contacts/invitations';
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
  const days = Number(stringOption(options, 'days') ?? cli.config.inviteTtlDays);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new UsageError('--days must be a whole number from 1 to 365');
  const role = secretariat ? 'secretariat' : 'contact';
  // The same use case as the secretariat's "Tạo mã mời" in chat.
  const outcome = await createInvitation(cli.store.repos, {
    unitCode,
    role,
    days,
    actor: 'cli',
    channel: 'cli',
    now: cli.now(),
  });
  if (outcome.type === 'unknown-unit') {
    cli.out(`Không có đơn vị mã "${unitCode}". Xem danh sách: npm run cli -- units`);
    return 1;
  }
  const { code, expiresAt } = outcome;
  const username = await cli.telegramUsername().catch(() => undefined);
  cli.out(`Mã mời: ${code}`);
  cli.out(
    `Đơn vị: ${unitCode ?? '(không)'} · vai trò: ${role === 'secretariat' ? 'Ban Xây dựng Đảng' : 'người báo cáo'} · hết hạn: ${expiresAt.toFormat('HH:mm dd/MM/yyyy')}`,
  );
  if (username) cli.out(`Telegram: https://t.me/${username}?start=${code}`);
  cli.out(`Zalo hoặc web: gửi mã ${code} cho bot.`);
  return 0;
}
