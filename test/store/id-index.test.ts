import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { openStore } from '../../src/store/connect';
import { type EmbeddedServer, startEmbeddedServer } from '../../src/store/embedded-server';
import { silentLogger } from '../support/store';

// FerretDB filters `_id` on `_ferretdb_sjson->'$._id'` but indexes `_ferretdb_sjson->"_id"`, so
// without the embedded store's extra index (tools/embedded-store/idindex.go) every `_id` command
// scans. These tests read SQLite's own query plan, from a fresh connection of the store binary
// (`--explain`), for the statements FerretDB sends. They exercise the embedded store itself, so
// they run even when MONGODB_URI is set.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { EMBEDDED_STORE_BINARY } = require('../../tools/embedded-store/build.js') as {
  EMBEDDED_STORE_BINARY: string;
};

interface ExplainedCollection {
  name: string;
  table: string;
  plans: Record<'select' | 'update' | 'delete', string>;
}

/** Plans of FerretDB's `_id` statements for every collection of one database file. */
function explainCollections(file: string): ExplainedCollection[] {
  const out = execFileSync(EMBEDDED_STORE_BINARY, ['--explain', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { collections: ExplainedCollection[] | null }).collections ?? [];
}

/** Plans of the given SQL statements in one database file. */
function explainStatements(file: string, statements: string[]): Array<{ sql: string; plan: string }> {
  const out = execFileSync(EMBEDDED_STORE_BINARY, ['--explain', file, ...statements], { encoding: 'utf8' });
  return (JSON.parse(out) as { statements: Array<{ sql: string; plan: string }> }).statements;
}

const usesIdIndex = (table: string) => `USING INDEX ${table}_baocao_id (<expr>=?)`;

/** A model with string `_id`s, as the app's hot collections have. */
function thingModel(connection: mongoose.Connection) {
  return connection.model('Thing', new mongoose.Schema({ _id: String, n: Number }), 'things');
}

describe('embedded store: the `_id` index FerretDB actually uses', () => {
  let dataDir: string;
  let server: EmbeddedServer | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-id-index-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is used by the SQL FerretDB sends for findById, updateOne, replaceOne upsert, findOneAndUpdate and deleteOne', async () => {
    const log: string[] = [];
    server = await startEmbeddedServer({
      dataDir,
      idIndex: true,
      logLevel: 'debug',
      onLog: (line) => log.push(line),
    });
    const connection = await mongoose.createConnection(server.uri, { dbName: 'sent' }).asPromise();
    try {
      const Thing = thingModel(connection);
      await Thing.create({ _id: 'a', n: 1 });
      await server.indexIds();

      log.length = 0;
      await Thing.findById('a');
      await Thing.updateOne({ _id: 'a' }, { $set: { n: 2 } }, { upsert: true });
      await Thing.replaceOne({ _id: 'b' }, { n: 3 }, { upsert: true });
      await Thing.findOneAndUpdate({ _id: 'b' }, { $inc: { n: 1 } }, { returnDocument: 'after' });
      await Thing.deleteOne({ _id: 'b' });
      expect((await Thing.findById('a').lean())?.n).toBe(2);
    } finally {
      await connection.close();
    }

    // At debug level FerretDB logs each statement as msg=">>> <sql>" (Go-quoted).
    const sent = log
      .map((line) => /msg="((?:[^"\\]|\\.)*)"/.exec(line)?.[1])
      .map((quoted) => (quoted ? (JSON.parse(`"${quoted}"`) as string) : ''))
      .filter((message) => message.startsWith('>>> ') && message.includes("->'$._id'"))
      .map((message) => message.slice(4));
    const distinct = [...new Set(sent)];
    // The SELECT of every command, the UPDATE of updateOne/findOneAndUpdate, the DELETE.
    expect(distinct.map((sql) => sql.split(' ')[0]).sort()).toEqual(['DELETE', 'SELECT', 'UPDATE']);

    const [collection] = explainCollections(path.join(dataDir, 'sent.sqlite'));
    for (const { sql, plan } of explainStatements(path.join(dataDir, 'sent.sqlite'), distinct)) {
      expect({ sql, plan }).toEqual({ sql, plan: expect.stringContaining(usesIdIndex(collection!.table)) });
    }
  });

  it("indexes the app's collections at open, and collections created later within seconds", async () => {
    const store = await openStore({ dbName: 'fresh', dataDir, logger: silentLogger });
    const file = path.join(dataDir, 'store', 'fresh.sqlite');
    try {
      // openStore asked for a sweep once the models' collections existed: no waiting needed.
      const collections = explainCollections(file);
      expect(collections.length).toBe(Object.keys(store.models).length);
      for (const { table, plans } of collections) {
        for (const plan of Object.values(plans)) expect(plan).toContain(usesIdIndex(table));
      }

      // A collection the app creates on first use is picked up by the periodic sweep.
      await store.connection.collection('late').insertOne({ _id: 'x' as never, n: 1 });
      const late = await waitFor(() => {
        const found = explainCollections(file).find((c) => c.name === 'late');
        return found?.plans.select.includes('USING INDEX') ? found : undefined;
      }, 5_000);
      expect(late.plans.update).toContain(usesIdIndex(late.table));

      // FerretDB does not see the extra index: listIndexes and syncIndexes leave it alone.
      const model = store.models.Answer;
      const names = (await model.listIndexes()).map((index: { name: string }) => index.name);
      expect(names.some((name: string) => name.includes('baocao'))).toBe(false);
      await model.syncIndexes();
      const table = explainCollections(file).find((c) => c.name === model.collection.collectionName)!.table;
      expect(explainCollections(file).find((c) => c.table === table)?.plans.select).toContain(
        usesIdIndex(table),
      );

      // Dropping a collection (its table and both indexes) and the database still works.
      await store.connection.dropCollection('late');
      expect(explainCollections(file).some((c) => c.name === 'late')).toBe(false);
      await store.connection.collection('late').insertOne({ _id: 'y' as never });
      expect(await store.connection.collection('late').countDocuments({})).toBe(1);
      await store.connection.dropDatabase();
      expect(existsSync(file)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('indexes a store made by an earlier version when it starts, keeping all its data', async () => {
    // Without the extra index the server makes the store exactly as earlier versions did.
    server = await startEmbeddedServer({ dataDir, idIndex: false });
    let connection = await mongoose.createConnection(server.uri, { dbName: 'old' }).asPromise();
    await thingModel(connection).insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: `t${i}`, n: i })));
    await connection.close();
    await server.stop();

    const file = path.join(dataDir, 'old.sqlite');
    const [before] = explainCollections(file);
    expect(before!.plans.select).toBe(`SCAN ${before!.table}`);

    server = await startEmbeddedServer({ dataDir, idIndex: true });
    // Indexed before the server printed its URI: nothing to wait for.
    const [after] = explainCollections(file);
    expect(after!.table).toBe(before!.table);
    for (const plan of Object.values(after!.plans)) expect(plan).toContain(usesIdIndex(after!.table));

    connection = await mongoose.createConnection(server.uri, { dbName: 'old' }).asPromise();
    try {
      const Thing = thingModel(connection);
      expect(await Thing.countDocuments({})).toBe(500);
      expect((await Thing.findById('t499').lean())?.n).toBe(499);
      // Both unique indexes hold the same values: a duplicate _id is still refused as 11000.
      await expect(Thing.create({ _id: 't1', n: 0 })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await connection.close();
    }
  });
});

async function waitFor<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
