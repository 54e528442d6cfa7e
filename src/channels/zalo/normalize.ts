import { z } from 'zod';
import type { Inbound, InboundContent } from '../../conversation/messages';
import { parseTypedCommand } from '../../conversation/typed-commands';
import { stripDiacritics } from '../../domain/vietnamese';
import type { ZaloButton } from './render';

/** Zalo ids arrive as strings, but nothing promises they always will. */
const id = z.union([z.string().min(1), z.number()]).transform(String);

/** Only the fields the bot reads; anything else Zalo adds is ignored. */
export const zaloUpdateSchema = z.object({
  event_name: z.string(),
  message: z.object({
    from: z.object({ id, display_name: z.string().optional(), is_bot: z.boolean().optional() }),
    chat: z.object({ id, chat_type: z.string().optional() }),
    message_id: id,
    date: z.number().optional(),
    text: z.string().optional(),
    photo: z.string().optional(),
    caption: z.string().optional(),
    sticker: z.string().optional(),
  }),
});

export type ZaloUpdate = z.output<typeof zaloUpdateSchema>;

/** Downloads a photo by its URL (Zalo sends a public CDN address, no file id). */
export type PhotoDownloader = (url: string) => Promise<Buffer>;

/** Parses a raw update; null when it is not an update the bot understands. */
export function parseZaloUpdate(raw: unknown): ZaloUpdate | null {
  const parsed = zaloUpdateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Turns a Zalo update into the platform-neutral message, or null to ignore it (group chats: a
 * report is filled by one person; bots). `lastButtons` are the numbered buttons last shown in this
 * chat (see render.ts): a typed number or label picks one of them.
 */
export function normalizeZaloUpdate(
  update: ZaloUpdate,
  lastButtons: readonly ZaloButton[],
  download: PhotoDownloader,
): Inbound | null {
  const { message } = update;
  if (message.from.is_bot) return null;
  if (message.chat.chat_type !== undefined && message.chat.chat_type.toUpperCase() !== 'PRIVATE') return null;
  return {
    platform: 'zalo',
    updateId: message.message_id,
    userId: message.from.id,
    chatId: message.chat.id,
    displayName: message.from.display_name?.trim() || message.from.id,
    content: contentOf(update, lastButtons, download),
  };
}

function contentOf(
  update: ZaloUpdate,
  lastButtons: readonly ZaloButton[],
  download: PhotoDownloader,
): InboundContent {
  const { message } = update;
  switch (update.event_name) {
    case 'message.text.received':
      return textContent(message.text ?? '', lastButtons);
    case 'message.image.received': {
      const url = message.photo;
      if (!url) return { type: 'unsupported', what: 'photo' };
      return {
        type: 'file',
        file: {
          kind: 'photo',
          fileId: url,
          name: `anh-${message.message_id}.jpg`,
          // Zalo announces no size: the report feature checks the downloaded bytes instead.
          size: 0,
          mimeType: 'image/jpeg',
          download: () => download(url),
        },
      };
    }
    case 'message.sticker.received':
      return { type: 'unsupported', what: 'sticker' };
    case 'message.voice.received':
    case 'message.audio.received':
      return { type: 'unsupported', what: 'voice' };
    case 'message.video.received':
      return { type: 'unsupported', what: 'video' };
    case 'message.location.received':
      return { type: 'unsupported', what: 'location' };
    default:
      return { type: 'unsupported', what: 'other' };
  }
}

/**
 * A typed reply, in order of precedence:
 * 1. a number or a label of the last numbered buttons → that button (they exist only as buttons);
 * 2. a command typed as words ("baocao", "/nop", "tạm dừng");
 * 3. anything else is text for the conversation (answers, invitation codes, "Bỏ qua", "Xong").
 * The buttons go first so that "nộp" answering "1. Nộp báo cáo  2. Chưa nộp" confirms the
 * submission instead of restarting it with the command "nop".
 */
export function textContent(text: string, lastButtons: readonly ZaloButton[]): InboundContent {
  const picked = pickButton(text, lastButtons);
  if (picked) return { type: 'button', data: picked.data };
  const command = parseTypedCommand(text);
  if (command) return { type: 'command', command: command.command, args: command.args };
  return { type: 'text', text };
}

function pickButton(text: string, buttons: readonly ZaloButton[]): ZaloButton | undefined {
  if (buttons.length === 0) return undefined;
  const trimmed = text.trim();
  const number = /^(?:số\s*)?(\d{1,2})[.)]?$/i.exec(trimmed);
  if (number) return buttons[Number(number[1]) - 1];
  const folded = fold(trimmed);
  if (!folded) return undefined;
  const exact = buttons.filter((button) => fold(button.label) === folded);
  if (exact.length === 1) return exact[0];
  // The first word alone ("nộp", "chưa") when it names exactly one button.
  const byFirstWord = buttons.filter((button) => fold(button.label).split(' ')[0] === folded);
  return byFirstWord.length === 1 ? byFirstWord[0] : undefined;
}

/** Label comparison: no emoji or numbering ("✅ Nộp báo cáo", "1. Báo cáo năm 2026"), no diacritics. */
function fold(label: string): string {
  return stripDiacritics(label)
    .toLowerCase()
    .replace(/^[^a-z0-9]*(?:\d{1,2}[.)]\s*)?/, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
