import { randomUUID } from 'node:crypto';
import type { ChannelSender, Outbound } from '../../conversation/messages';

export const WEB_MAX_TEXT = 4000;
/** Per user: a page that was closed for days must not grow memory without bound. */
const MAX_PER_USER = 50;
const MAX_USERS = 1000;

export interface WebMessage {
  id: string;
  text: string;
  buttons?: { label: string; data: string }[][];
  /** A document attached to the message, downloaded from `/web/api/tep/<id>`. */
  document?: { id: string; fileName: string; caption?: string };
}

/**
 * Messages to web contacts outside a reply (reminders, notifications), held in memory until the
 * chat page polls for them. Enough for the local demo: a restart loses undelivered messages and
 * several server processes would not share them; real users are reached on Telegram or Zalo.
 */
export class WebOutbox {
  private readonly queues = new Map<string, WebMessage[]>();
  private readonly documents = new Map<string, { userId: string; fileName: string; bytes: Buffer }>();
  private readonly documentOrder: string[] = [];

  /** Turns an outbound message into what the page shows, keeping its document for download. */
  toWeb(userId: string, message: Outbound): WebMessage {
    const out: WebMessage = { id: randomUUID(), text: message.text };
    if (message.buttons && message.buttons.length > 0) out.buttons = message.buttons;
    if (message.document) {
      const id = randomUUID();
      this.documents.set(id, { userId, fileName: message.document.fileName, bytes: message.document.bytes });
      this.documentOrder.push(id);
      // Documents are exports of a few hundred kB: keep the latest hundred.
      while (this.documentOrder.length > 100) this.documents.delete(this.documentOrder.shift()!);
      out.document = { id, fileName: message.document.fileName, caption: message.document.caption };
    }
    return out;
  }

  push(userId: string, message: Outbound): void {
    let queue = this.queues.get(userId);
    if (!queue) {
      if (this.queues.size >= MAX_USERS) {
        const oldest = this.queues.keys().next().value;
        if (oldest !== undefined) this.queues.delete(oldest);
      }
      queue = [];
      this.queues.set(userId, queue);
    }
    queue.push(this.toWeb(userId, message));
    if (queue.length > MAX_PER_USER) queue.splice(0, queue.length - MAX_PER_USER);
  }

  /** Everything waiting for the user; delivered once. */
  take(userId: string): WebMessage[] {
    const queue = this.queues.get(userId) ?? [];
    this.queues.delete(userId);
    return queue;
  }

  /** A document of this user's messages (never another user's). */
  document(userId: string, id: string): { fileName: string; bytes: Buffer } | undefined {
    const found = this.documents.get(id);
    return found && found.userId === userId ? found : undefined;
  }

  /** The 'web' sender: chat ids of web contacts are their user ids. */
  sender(): ChannelSender {
    return {
      platform: 'web',
      maxTextLength: WEB_MAX_TEXT,
      buttons: true,
      send: async (chatId, message, options) => {
        await options?.onTurn?.();
        this.push(chatId, message);
      },
    };
  }
}
