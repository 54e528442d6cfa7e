import { config as loadDotenv } from 'dotenv';
import { createConfig } from '../config/config';
import { FlowLoadError } from '../engine';
import { UnitsFileError } from '../features/units/units-file';
import { createLogger } from '../logger';
import { ScheduleError } from '../scheduler';
import { EmbeddedStoreError } from '../store/embedded-server';
import { UsageError } from './args';
import { type CliApp, openCliApp } from './cli-app';
import { auditCommand } from './commands/audit';
import { backupCommand, restoreCommand } from './commands/backup';
import { exemptCommand } from './commands/exempt';
import { exportCommand } from './commands/export';
import { flowsCheckCommand } from './commands/flows-check';
import { importRoundCommand } from './commands/import-round';
import { inviteCommand } from './commands/invite';
import { remindCommand } from './commands/remind';
import { unitsListCommand, unitsLoadCommand } from './commands/units';

type Command = (args: string[], cli: CliApp) => Promise<number>;

/** Commands that need the store; `flows:check` does not and runs without starting anything. */
const COMMANDS: Record<string, { run: Command; usage: string }> = {
  'units:load': {
    run: unitsLoadCommand,
    usage: 'units:load [--file flows/units/don-vi-mau.yaml]   nạp danh sách đơn vị',
  },
  units: {
    run: unitsListCommand,
    usage: 'units                                  liệt kê đơn vị và người liên hệ',
  },
  invite: { run: inviteCommand, usage: 'invite --unit <mã> [--days 14] | --secretariat   tạo mã mời' },
  remind: {
    run: remindCommand,
    usage: 'remind [--at <ISO>] [--dry-run]        chạy một lượt nhắc hạn (xem trước với --dry-run)',
  },
  exempt: {
    run: exemptCommand,
    usage: 'exempt --round <đợt> --unit <mã> [--undo]   miễn (hoặc bỏ miễn) báo cáo cho một đơn vị',
  },
  audit: { run: auditCommand, usage: 'audit [--unit <mã>] [--round <đợt>]    nhật ký thay đổi' },
  export: { run: exportCommand, usage: 'export --round <đợt> --out <thư mục> [--units]   xuất Word, Excel' },
  'import-round': {
    run: importRoundCommand,
    usage: 'import-round --file <x.xlsx> --round <annual-2025> [--title …]   nhập số liệu cùng kỳ năm trước',
  },
};

/** Commands that open the store themselves: no example units or rounds are created first. */
const STORE_COMMANDS: Record<string, { run: typeof backupCommand; usage: string }> = {
  backup: {
    run: backupCommand,
    usage: 'backup --out <thư mục>                 sao lưu dữ liệu (được khi bot đang chạy)',
  },
  restore: {
    run: restoreCommand,
    usage: 'restore --from <thư mục> [--replace]   khôi phục bản sao lưu (dừng bot trước)',
  },
};

const HELP = [
  'baocao-bot CLI — npm run cli -- <lệnh> [tùy chọn]',
  '',
  '  flows:check [thư mục]                  kiểm tra đề cương và lịch báo cáo (không khởi động bot)',
  ...[...Object.values(COMMANDS), ...Object.values(STORE_COMMANDS)].map((command) => `  ${command.usage}`),
].join('\n');

export function registerCommand(name: string, run: Command, usage: string): void {
  COMMANDS[name] = { run, usage };
}

async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help') {
    out(HELP);
    return name ? 0 : 1;
  }
  const configured = createConfig(process.env);
  if (!configured.ok) {
    process.stderr.write(
      `Cấu hình không hợp lệ (invalid configuration):\n${configured.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return 1;
  }
  const { config } = configured;
  if (name === 'flows:check') return flowsCheckCommand(args[0] ?? config.flowsDir, out);

  const command = COMMANDS[name];
  const storeCommand = STORE_COMMANDS[name];
  if (!command && !storeCommand) {
    process.stderr.write(`Lệnh không tồn tại: ${name}\n\n${HELP}\n`);
    return 1;
  }
  // Logs go to stderr so that a command's output stays clean.
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr);
  let cli: CliApp | undefined;
  try {
    if (storeCommand) return await storeCommand.run(args, { config, logger, out });
    cli = await openCliApp(config, logger, out);
    return await command!.run(args, cli);
  } catch (error) {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${HELP}\n`);
    else if (error instanceof EmbeddedStoreError) process.stderr.write(`${error.message}\n`);
    else if (
      error instanceof FlowLoadError ||
      error instanceof ScheduleError ||
      error instanceof UnitsFileError
    ) {
      process.stderr.write(`${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    } else process.stderr.write(`Lỗi: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await cli?.close();
  }
}

// `npm run cli -- units | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void main(process.argv.slice(2)).then((code) => process.exit(code));
