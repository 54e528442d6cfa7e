import type { Logger } from '../logger';
import type { StoreRole } from './connect';
import { advertiseServer, forgetServer } from './embedded-ownership';
import { type EmbeddedServer, startEmbeddedServer } from './embedded-server';

/**
 * Keeps the embedded server running: if it dies unexpectedly it is restarted on the same
 * address, so the mongoose connection simply reconnects.
 */
export class EmbeddedSupervisor {
  private stopping = false;
  private restarts = 0;

  private constructor(
    private server: EmbeddedServer,
    private readonly dataDir: string,
    private readonly logger: Logger,
    private readonly role: StoreRole,
  ) {
    this.watch();
  }

  static async start(dataDir: string, logger: Logger, role: StoreRole): Promise<EmbeddedSupervisor> {
    const server = await startEmbeddedServer({
      dataDir,
      onLog: (line) => logger.debug({ store: line }, 'embedded store'),
    });
    const supervisor = new EmbeddedSupervisor(server, dataDir, logger, role);
    supervisor.advertise();
    return supervisor;
  }

  private advertise(): void {
    advertiseServer(this.dataDir, { uri: this.server.uri, pid: process.pid, role: this.role });
  }

  get uri(): string {
    return this.server.uri;
  }

  indexIds(): Promise<void> {
    return this.server.indexIds();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    forgetServer(this.dataDir);
    await this.server.stop();
  }

  private watch(): void {
    void this.server.exited.then(async (how) => {
      if (this.stopping) return;
      this.logger.error({ how }, 'embedded store exited unexpectedly; restarting');
      const address = new URL(this.server.uri).host;
      for (;;) {
        this.restarts += 1;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(this.restarts, 6))),
        );
        if (this.stopping) return;
        try {
          this.server = await startEmbeddedServer({ dataDir: this.dataDir, listen: address });
          this.logger.info('embedded store restarted');
          this.advertise();
          this.watch();
          return;
        } catch (error) {
          this.logger.error({ err: error }, 'embedded store restart failed; will retry');
        }
      }
    });
  }
}
