import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Keeps a copy of every attachment under `<dataDir>/files/<sha256>`, so exports can include it
 * later even after the platform's file link has expired. Content-addressed: the same file sent
 * twice is stored once.
 */
export function createAttachmentStore(dataDir: string) {
  const folder = path.resolve(dataDir, 'files');
  return {
    async save(bytes: Buffer): Promise<{ sha256: string; storageKey: string }> {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await mkdir(folder, { recursive: true });
      const target = path.join(folder, sha256);
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, target);
      return { sha256, storageKey: sha256 };
    },

    read(storageKey: string): Promise<Buffer> {
      if (!/^[a-f0-9]{64}$/.test(storageKey)) throw new Error('invalid storage key');
      return readFile(path.join(folder, storageKey));
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
