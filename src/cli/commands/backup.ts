import path from 'node:path';
import type { Config } from '../../config/config';
import type { Logger } from '../../logger';
import { backupDatabase, restoreDatabase } from '../../store/backup';
import { openStore } from '../../store/connect';
import { parseArgs, stringOption, UsageError } from '../args';

/** What backup and restore get: they open the store themselves, without loading units or rounds. */
export interface StoreCommandContext {
  config: Config;
  logger: Logger;
  out: (line: string) => void;
}

/** `backup --out <dir>`: a copy of the store and the attachments, safe while the bot runs. */
export async function backupCommand(args: string[], { config, logger, out }: StoreCommandContext) {
  const dir = stringOption(parseArgs(args).options, 'out');
  if (!dir) throw new UsageError('backup needs --out <thư mục>');
  const store = await openConfiguredStore(config, logger);
  try {
    const manifest = await backupDatabase(store.connection.db!, config.dataDir, path.resolve(dir));
    const total = Object.values(manifest.collections).reduce((sum, count) => sum + count, 0);
    out(
      `Đã sao lưu ${total} bản ghi (${Object.keys(manifest.collections).length} bảng) và ${manifest.files} tệp đính kèm vào ${path.resolve(dir)}.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `restore --from <dir> [--replace]`: into an empty database, with the bot stopped. */
export async function restoreCommand(args: string[], { config, logger, out }: StoreCommandContext) {
  const { options } = parseArgs(args);
  const dir = stringOption(options, 'from');
  if (!dir) throw new UsageError('restore needs --from <thư mục> [--replace]');
  const store = await openConfiguredStore(config, logger);
  try {
    // Without MONGODB_URI, a store this command did not start itself belongs to a running bot,
    // whose memory would no longer match what is stored.
    if (!config.mongodbUri && store.kind !== 'embedded') {
      out('Bot đang chạy trên kho dữ liệu này: hãy dừng bot trước khi khôi phục (stop the bot first).');
      return 1;
    }
    const manifest = await restoreDatabase(store.connection.db!, config.dataDir, path.resolve(dir), {
      replace: options.get('replace') === true,
    });
    const total = Object.values(manifest.collections).reduce((sum, count) => sum + count, 0);
    out(
      `Đã khôi phục ${total} bản ghi và ${manifest.files} tệp đính kèm từ bản sao lưu lúc ${manifest.startedAt}.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

function openConfiguredStore(config: Config, logger: Logger) {
  return openStore({
    mongodbUri: config.mongodbUri,
    dbName: config.mongodbDb,
    dataDir: config.dataDir,
    logger,
    // A command: it shares a running bot's embedded store and never takes it over.
    role: 'cli',
  });
}
