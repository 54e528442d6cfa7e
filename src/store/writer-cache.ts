import { cloneDocument } from './clone-document';

/** Documents kept at most: chats and reports of one ward, with room to spare. */
const MAX_DOCUMENTS = 5_000;

/**
 * Copies of documents that only this process writes, kept as they are written, so that reading
 * them again costs no store command: the chat sessions and the submissions, when this process is
 * the bot that owns the embedded store (CLI commands only add submissions, never change them).
 * Disabled, so that every read goes to the store, when other processes may write them too, as
 * several bot instances on one MongoDB do.
 */
export class WriterCache<T extends { _id: string }> {
  private readonly docs = new Map<string, T>();
  /** Counts writes, so a read that raced with a write never stores the older document. */
  private writes = 0;

  constructor(readonly enabled: boolean) {}

  async get(id: string, load: () => Promise<T | null>): Promise<T | null> {
    if (!this.enabled) return load();
    const hit = this.docs.get(id);
    if (hit) return cloneDocument(hit);
    const writesBefore = this.writes;
    const doc = await load();
    if (doc && this.writes === writesBefore) this.remember(doc);
    return doc;
  }

  /** The document as this process just wrote it (or read it back from a write). */
  written(doc: T | null | undefined): void {
    this.writes += 1;
    if (this.enabled && doc) this.remember(doc);
  }

  /** After a write whose result is not known (it failed, or returned no document). */
  forget(id: string): void {
    this.writes += 1;
    this.docs.delete(id);
  }

  private remember(doc: T): void {
    this.docs.delete(doc._id);
    if (this.docs.size >= MAX_DOCUMENTS) {
      const oldest = this.docs.keys().next().value;
      if (oldest !== undefined) this.docs.delete(oldest);
    }
    this.docs.set(doc._id, cloneDocument(doc));
  }
}
