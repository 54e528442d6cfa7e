import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { mongo } from 'mongoose';

/**
 * Backup and restore through the store connection, like mongodump/mongorestore but with the
 * driver alone, so it works the same on the embedded store (while the bot runs: the CLI shares
 * its server) and on MongoDB. One file per collection, one Extended JSON document per line
 * (canonical: dates and numbers keep their types), the attachments folder, and a manifest
 * written last: a folder without manifest.json is not a finished backup.
 *
 * Consistency: each collection is read once, from the moment the backup starts, so everything
 * acknowledged before that moment is in the copy. Collections are read children first (answers
 * before their submissions, submissions before units and rounds): a record in the copy always
 * finds the records it refers to, since those are written before it and never deleted.
 */
export const BACKUP_FORMAT = 'baocao-backup';
const MANIFEST = 'manifest.json';
const FILES = 'files';

/** Lower is read first. Collections not listed (new ones) come in the middle. */
const READ_ORDER: Record<string, number> = {
  answer_revisions: 0,
  answers: 1,
  submission_versions: 2,
  invites: 4,
  submissions: 5,
  contacts: 6,
  rounds: 7,
  units: 8,
};

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  startedAt: string;
  finishedAt: string;
  /** Documents per collection. */
  collections: Record<string, number>;
  /** Attachment files copied. */
  files: number;
}

export class BackupError extends Error {}

export async function backupDatabase(db: mongo.Db, dataDir: string, outDir: string): Promise<BackupManifest> {
  if (existsSync(outDir) && (await readdir(outDir)).length > 0) {
    throw new BackupError(`Thư mục ${outDir} đã có tệp: chọn một thư mục mới hoặc trống.`);
  }
  await mkdir(outDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'))
    .sort((a, b) => (READ_ORDER[a] ?? 3) - (READ_ORDER[b] ?? 3) || a.localeCompare(b));

  const collections: Record<string, number> = {};
  for (const name of names) {
    const out = createWriteStream(path.join(outDir, `${name}.jsonl`));
    let count = 0;
    for await (const doc of db.collection(name).find({})) {
      const line = `${mongo.BSON.EJSON.stringify(doc, { relaxed: false })}\n`;
      if (!out.write(line)) await once(out, 'drain');
      count++;
    }
    out.end();
    await once(out, 'finish');
    collections[name] = count;
  }
  // After the documents: every file an answer in the copy refers to was written before it.
  const files = await copyFiles(path.join(dataDir, FILES), path.join(outDir, FILES));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    collections,
    files,
  };
  await writeFile(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Restores a backup into the connected database. Refuses a database that already holds any of
 * the backup's documents unless `replace` is set, which empties those collections first.
 */
export async function restoreDatabase(
  db: mongo.Db,
  dataDir: string,
  fromDir: string,
  options: { replace: boolean },
): Promise<BackupManifest> {
  const manifest = await readManifest(fromDir);
  const names = Object.keys(manifest.collections);
  if (!options.replace) {
    for (const name of names) {
      if ((await db.collection(name).estimatedDocumentCount()) > 0) {
        throw new BackupError(
          `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${name}): khôi phục vào một cơ sở dữ liệu trống, ` +
            'hoặc thêm --replace để xoá dữ liệu hiện có rồi thay bằng bản sao lưu.',
        );
      }
    }
  }
  for (const name of names) {
    const collection = db.collection(name);
    if (options.replace) await collection.deleteMany({});
    let batch: mongo.Document[] = [];
    const lines = createInterface({ input: createReadStream(path.join(fromDir, `${name}.jsonl`)) });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      batch.push(mongo.BSON.EJSON.parse(line, { relaxed: false }) as mongo.Document);
      if (batch.length === 500) {
        await collection.insertMany(batch, { ordered: true });
        batch = [];
      }
    }
    if (batch.length > 0) await collection.insertMany(batch, { ordered: true });
    const restored = await collection.countDocuments({});
    if (restored !== manifest.collections[name]) {
      throw new BackupError(
        `Bảng ${name}: khôi phục ${restored} bản ghi, bản sao lưu có ${manifest.collections[name]}.`,
      );
    }
  }
  await copyFiles(path.join(fromDir, FILES), path.join(dataDir, FILES));
  return manifest;
}

async function readManifest(fromDir: string): Promise<BackupManifest> {
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(await readFile(path.join(fromDir, MANIFEST), 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new BackupError(`${fromDir} không phải một bản sao lưu hoàn chỉnh (thiếu ${MANIFEST}).`);
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1 || !manifest.collections) {
    throw new BackupError(`${fromDir}/${MANIFEST} không phải bản sao lưu của baocao-bot.`);
  }
  return manifest as BackupManifest;
}

/** Attachments are named by their SHA-256 and never change: copying what is missing is enough. */
async function copyFiles(from: string, to: string): Promise<number> {
  if (!existsSync(from)) return 0;
  await cp(from, to, { recursive: true, force: false, errorOnExist: false });
  return (await readdir(from)).length;
}
