import { config as loadDotenv } from 'dotenv';
import { startApp } from './app';
import { DemoModeHostError } from './channels/web/demo-guard';
import { createConfig } from './config/config';
import { FlowLoadError } from './engine';
import { createLogger } from './logger';
import { ScheduleError } from './scheduler';
import { EmbeddedStoreError } from './store/embedded-server';

/** Entry point of `npm start`: turns configuration problems into readable messages, never a stack trace. */
async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const result = createConfig(process.env);
  if (!result.ok) {
    process.stderr.write(
      `Cấu hình không hợp lệ (invalid configuration) — xem .env.example:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
  const { config } = result;
  const logger = createLogger(config.logLevel);
  // A fault nobody caught is logged like everything else before the process stops; the
  // supervisor (systemd, pm2…) restarts it and the embedded store, tied to our stdin, stops with it.
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, logger);
  } catch (error) {
    if (error instanceof DemoModeHostError) {
      process.stderr.write(
        `Cấu hình không hợp lệ (invalid configuration) — xem .env.example:\n  - ${error.message}\n`,
      );
    } else if (error instanceof EmbeddedStoreError) {
      process.stderr.write(`${error.message}\n`);
    } else if (error instanceof FlowLoadError || error instanceof ScheduleError) {
      process.stderr.write(
        `Tệp đề cương/lịch báo cáo không hợp lệ (invalid flow or schedule file):\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`,
      );
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        `Cổng ${config.http.host}:${config.http.port} đang được chương trình khác dùng (port in use): đặt HTTP_PORT khác trong .env.\n`,
      );
    } else {
      logger.fatal({ err: error }, 'start failed');
      process.stderr.write(`Không khởi động được (start failed): ${(error as Error).message}\n`);
    }
    process.exit(1);
  }

  // The one line to look for: where the data is and the address to open (the public one when
  // set; a server listening on every interface is opened through the local one).
  const address = app.httpAddress;
  const local =
    address && (address.host === '0.0.0.0' ? '127.0.0.1' : address.host === '::' ? '::1' : address.host);
  const listening = address && `http://${local!.includes(':') ? `[${local}]` : local}:${address.port}`;
  const url = config.http.publicUrl ?? listening;
  logger.info(
    {
      store: app.store.kind,
      data: app.store.location,
      flows: app.flows.list().map((flow) => flow.id),
      channels: [...app.senders.keys()],
      http: listening,
    },
    url ? `baocao-bot ready — mở ${url}` : 'baocao-bot ready',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // `npm start` does not pass a SIGTERM on to us: when the process that started us is gone, we
  // stop too, instead of polling the Bot API and holding the port as an orphan.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('parent exited');
  }, 1000).unref();
}

void main();
