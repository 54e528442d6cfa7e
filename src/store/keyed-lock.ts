/**
 * Serialises async work per key inside this process.
 *
 * FerretDB (the embedded store) performs updates as read–modify–write without a lock, so two
 * handlers updating the same document at once can lose a write. Everything that reads then
 * writes one document (a submission's status, an invitation's use) runs under this lock; with
 * the embedded store the bot is a single process, so this lock plus unique inserts is what
 * makes writes safe. On MongoDB the same updates are also atomic per document.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    // The tail never rejects, so one failure doesn't poison the queue for that key.
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Number of keys with queued work: for tests and diagnostics. */
  get size(): number {
    return this.tails.size;
  }
}
