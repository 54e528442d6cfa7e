import { randomUUID } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import type { Model } from 'mongoose';
import type { StoreLeaseDoc } from './models/store-lease';
import { nativeCollection } from './native-collection';
import { isDuplicateKeyError } from './repositories/duplicate-key';

export interface StoreLeaseOptions {
  /** How long to wait for a lease held by another process before giving up (default 60 s). */
  waitMs?: number;
  /** A lease not renewed for this long is broken: its holder died (default 30 s). */
  staleMs?: number;
  /** How often a held lease is renewed (default 5 s). */
  renewMs?: number;
}

/** The lease stayed held by another live process for the whole wait. */
export class StoreLeaseBusyError extends Error {
  constructor(
    readonly lease: string,
    readonly heldFor: string,
  ) {
    super(`store lease "${lease}" held by another process (${heldFor})`);
  }
}

/**
 * Runs `work` while holding the store lease `name`: one process at a time across every process
 * on the store (bot instances, CLI commands), on MongoDB and on the embedded store alike, since
 * the lease is taken by a unique insert. A lease whose holder was killed is broken once it has
 * not been renewed for `staleMs`.
 */
export async function withStoreLease<T>(
  StoreLease: Model<StoreLeaseDoc>,
  name: string,
  what: string,
  work: () => Promise<T>,
  options: StoreLeaseOptions = {},
): Promise<T> {
  const holder = randomUUID();
  const waitMs = options.waitMs ?? 60_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
    try {
      await nativeCollection(StoreLease).insertOne({ _id: name, holder, what, at: new Date() });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const held = await StoreLease.findById(name).lean<StoreLeaseDoc>().exec();
    if (held && held.at.getTime() < Date.now() - staleMs) {
      // Matched on holder and time: a lease renewed meanwhile stays.
      await StoreLease.deleteOne({ _id: name, holder: held.holder, at: held.at }).exec();
      continue;
    }
    if (Date.now() + delay > deadline) throw new StoreLeaseBusyError(name, held?.what ?? '?');
    await pause(delay);
  }
  const heartbeat = setInterval(() => {
    StoreLease.updateOne({ _id: name, holder }, { $set: { at: new Date() } })
      .exec()
      .catch(() => undefined);
  }, options.renewMs ?? 5_000);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await StoreLease.deleteOne({ _id: name, holder }).exec();
  }
}
