import type { Context } from 'grammy';
import type { Inbound, InboundContent, InboundFile } from '../../conversation/messages';

/** Turns a grammY update into the platform-neutral message the services understand, or null to ignore it. */
export function normalizeTelegramUpdate(
  ctx: Context,
  download: (fileId: string) => Promise<Buffer>,
): Inbound | null {
  const from = ctx.from;
  const chat = ctx.chat;
  // Reports are filled in private chats only: a group would mix several people's answers.
  if (!from || !chat || chat.type !== 'private' || from.is_bot) return null;
  const content = contentOf(ctx, download);
  if (!content) return null;
  return {
    platform: 'telegram',
    updateId: String(ctx.update.update_id),
    userId: String(from.id),
    chatId: String(chat.id),
    displayName:
      [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id),
    content,
  };
}

function contentOf(ctx: Context, download: (fileId: string) => Promise<Buffer>): InboundContent | null {
  if (ctx.callbackQuery) {
    return ctx.callbackQuery.data ? { type: 'button', data: ctx.callbackQuery.data } : null;
  }
  const message = ctx.message;
  if (!message) return null;
  if (message.text !== undefined) {
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(message.text.trim());
    if (command && message.entities?.[0]?.type === 'bot_command' && message.entities[0].offset === 0) {
      return { type: 'command', command: command[1]!.toLowerCase(), args: command[2]?.trim() ?? '' };
    }
    return { type: 'text', text: message.text };
  }
  if (message.document) {
    const document = message.document;
    const file: InboundFile = {
      kind: 'document',
      fileId: document.file_id,
      name: document.file_name ?? 'tai-lieu',
      size: document.file_size ?? 0,
      mimeType: document.mime_type ?? 'application/octet-stream',
      download: () => download(document.file_id),
    };
    return { type: 'file', file };
  }
  if (message.photo && message.photo.length > 0) {
    // Telegram sends several sizes; the last one is the largest.
    const photo = message.photo[message.photo.length - 1]!;
    return {
      type: 'file',
      file: {
        kind: 'photo',
        fileId: photo.file_id,
        name: `anh-${photo.file_unique_id}.jpg`,
        size: photo.file_size ?? 0,
        mimeType: 'image/jpeg',
        download: () => download(photo.file_id),
      },
    };
  }
  if (message.sticker) return { type: 'unsupported', what: 'sticker' };
  if (message.voice || message.audio) return { type: 'unsupported', what: 'voice' };
  if (message.video || message.video_note || message.animation) return { type: 'unsupported', what: 'video' };
  if (message.location || message.venue) return { type: 'unsupported', what: 'location' };
  if (message.contact) return { type: 'unsupported', what: 'contact' };
  return { type: 'unsupported', what: 'other' };
}
