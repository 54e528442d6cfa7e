import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { openStore, type Store } from '../../src/store/connect';

export const silentLogger = pino({ level: 'silent' });

/**
 * Opens the run's shared store (started by global-setup) with a database of this test file's own,
 * and drops that database on close.
 */
export async function openTestStore(): Promise<Store & { dropAndClose(): Promise<void> }> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'TEST_MONGODB_URI is not set: run the tests through jest (global-setup starts the store)',
    );
  const dbName = `test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const store = await openStore({ mongodbUri: uri, dbName, dataDir: tmpdir(), logger: silentLogger });
  return Object.assign(store, {
    async dropAndClose() {
      await store.connection.dropDatabase();
      await store.close();
    },
  });
}

/**
 * A second connection to the same database, as another process (a second bot instance, the CLI)
 * would have: what it writes is not in the first one's in-memory copies.
 */
export function openSecondConnection(store: Store): Promise<Store> {
  return openStore({
    mongodbUri: process.env.TEST_MONGODB_URI,
    dbName: store.connection.name,
    dataDir: tmpdir(),
    logger: silentLogger,
  });
}
