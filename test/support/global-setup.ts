import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedServer } from '../../src/store/embedded-server';

/**
 * One store for the whole run: the embedded FerretDB, or the MongoDB named by MONGODB_URI.
 * Each test file then opens its own database on it (see test/support/store.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-test-store-'));
  const server = await startEmbeddedServer({ dataDir });
  process.env.TEST_MONGODB_URI = server.uri;
  (globalThis as { __embeddedServer?: typeof server }).__embeddedServer = server;
}
