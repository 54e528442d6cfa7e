import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { cloneDocument } from './clone-document';
import type { StoreMetaDoc } from './models';

const META_ID = 'reference-data';

/** How long a change made by another process (the CLI, a second bot instance) may go unseen here. */
export const REFERENCE_STALENESS_MS = 1_000;

/**
 * In-memory copies of what every message reads but seldom changes: units, rounds and contacts.
 * A write through this process's repositories drops every copy at once; a write by another process
 * changes the store's epoch, which is read at most once per `maxStalenessMs`, so its change is seen
 * within that time. Callers get their own clone, so nothing they do can alter the cached copy.
 */
export class ReferenceCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private epoch: string | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly meta: Model<StoreMetaDoc>,
    private readonly maxStalenessMs = REFERENCE_STALENESS_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    await this.revalidate();
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      const loading = load();
      entry = loading;
      this.entries.set(key, loading);
      // A failed read is not remembered: the next caller reads again.
      loading.catch(() => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      });
    }
    return cloneDocument(await entry);
  }

  /** Call after this process changed units, rounds or contacts in the store. */
  async changed(): Promise<void> {
    this.entries.clear();
    const epoch = randomUUID();
    await this.meta
      .replaceOne({ _id: META_ID }, { _id: META_ID, epoch, updatedAt: new Date() }, { upsert: true })
      .exec();
    this.epoch = epoch;
    this.checkedAt = this.clock();
  }

  private async revalidate(): Promise<void> {
    if (this.clock() - this.checkedAt < this.maxStalenessMs) return;
    this.checking ??= this.readEpoch().finally(() => {
      this.checking = null;
    });
    await this.checking;
  }

  private async readEpoch(): Promise<void> {
    const meta = await this.meta.findById(META_ID).lean<StoreMetaDoc>().exec();
    const epoch = meta?.epoch ?? null;
    if (epoch !== this.epoch) {
      this.entries.clear();
      this.epoch = epoch;
    }
    this.checkedAt = this.clock();
  }
}
