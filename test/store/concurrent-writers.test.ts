import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { type EmbeddedServer, startEmbeddedServer } from '../../src/store/embedded-server';

// 200 contacts answering at once: the embedded store must take every write without an error.
// Before the fix the same load gave `database is locked (5) (SQLITE_BUSY)` errors (35 of 3,000
// with one client of the default pool size) or, with a larger client pool, hung for good (the
// FerretDB connection-pool deadlock described in tools/embedded-store/gate.go). It exercises the
// embedded store itself, so it runs even when MONGODB_URI is set.

const WRITERS = 200;
const OPS_PER_WRITER = 15;
const HOT_IDS = ['hot:0', 'hot:1', 'hot:2'];

describe('embedded store under 200 concurrent writers', () => {
  let dataDir: string;
  let server: EmbeddedServer;
  let connection: mongoose.Connection;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'baocao-writers-'));
    server = await startEmbeddedServer({ dataDir });
    // A client pool larger than FerretDB's 100 SQLite connections per database.
    connection = await mongoose
      .createConnection(server.uri, { dbName: 'writers', maxPoolSize: 250 })
      .asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 3,000 upserts and replacements without an error', async () => {
    const Answer = connection.model(
      'Answer',
      new mongoose.Schema({ _id: String, writer: Number, value: String, step: Number }),
      'answers',
    );
    // A table with some data, and the documents several writers will change at once.
    await Answer.insertMany(
      Array.from({ length: 2_000 }, (_, i) => ({ _id: `old:${i}`, value: 'x'.repeat(200) })),
    );
    await Answer.insertMany(HOT_IDS.map((_id) => ({ _id, step: 0 })));
    await server.indexIds();

    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let step = 0; step < OPS_PER_WRITER; step++) {
          try {
            if (writer < 10) {
              // A few writers on the same documents.
              const _id = HOT_IDS[(writer + step) % HOT_IDS.length]!;
              await Answer.updateOne({ _id }, { $set: { writer, step } }, { upsert: true });
            } else if (step % 2 === 0) {
              await Answer.replaceOne(
                { _id: `w${writer}:${step % 6}` },
                { writer, step, value: 'y'.repeat(200) },
                { upsert: true },
              );
            } else {
              await Answer.updateOne({ _id: `w${writer}` }, { $set: { step } }, { upsert: true });
            }
          } catch (error) {
            errors.push((error as Error).message);
          }
        }
      }),
    );

    expect(errors).toEqual([]);
    // 2,000 old + 3 hot + per distinct writer: 3 replaced (steps 0, 2, 4 mod 6) + 1 updated.
    expect(await Answer.countDocuments({})).toBe(2_000 + HOT_IDS.length + (WRITERS - 10) * 4);
    expect((await Answer.findById('w199').lean())?.step).toBe(OPS_PER_WRITER - 2);
  }, 120_000);
});
