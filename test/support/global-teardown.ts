import { rmSync } from 'node:fs';
import type { EmbeddedServer } from '../../src/store/embedded-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __embeddedServer?: EmbeddedServer }).__embeddedServer;
  if (!server) return;
  await server.stop();
  rmSync(server.dataDir, { recursive: true, force: true });
}
