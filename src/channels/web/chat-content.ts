import { createHash } from 'node:crypto';
import type { InboundContent } from '../../conversation/messages';
import { parseTypedCommand } from '../../conversation/typed-commands';
import { WEB_MAX_TEXT } from './outbox';

const MESSAGE_ID = /^[A-Za-z0-9-]{8,64}$/;

/** A file name as shown and stored: no path separators or control characters, at most 200 characters. */
function safeFileName(name: string): string {
  const cleaned = [...name].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c)).join('');
  return cleaned.slice(0, 200) || 'tep';
}

/** Parses the JSON body of `POST /web/api/message` into conversation content; null when malformed. */
export function toContent(body: unknown, maxBytes: number): { id: string; content: InboundContent } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || !MESSAGE_ID.test(b.id)) return null;
  if (typeof b.command === 'string' && /^[a-z_]{1,32}$/.test(b.command)) {
    return { id: b.id, content: { type: 'command', command: b.command, args: '' } };
  }
  if (typeof b.button === 'string' && b.button.length > 0 && Buffer.byteLength(b.button) <= 64) {
    return { id: b.id, content: { type: 'button', data: b.button } };
  }
  if (typeof b.text === 'string') {
    const text = b.text.trim();
    if (!text || text.length > WEB_MAX_TEXT) return null;
    // Typed commands work as in Telegram ("/baocao", "/sua 5") and, as on Zalo, as plain words
    // when the whole message is one ("xem lại", "nộp", "sửa câu 5").
    const command = parseTypedCommand(text);
    if (command)
      return { id: b.id, content: { type: 'command', command: command.command, args: command.args } };
    return { id: b.id, content: { type: 'text', text } };
  }
  if (typeof b.file === 'object' && b.file !== null) {
    const f = b.file as Record<string, unknown>;
    if (typeof f.name !== 'string' || typeof f.dataBase64 !== 'string') return null;
    const bytes = Buffer.from(f.dataBase64, 'base64');
    if (bytes.length === 0 || bytes.length > maxBytes) return null;
    const mimeType =
      typeof f.mimeType === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(f.mimeType)
        ? f.mimeType
        : 'application/octet-stream';
    const name = safeFileName(f.name);
    return {
      id: b.id,
      content: {
        type: 'file',
        file: {
          kind: mimeType.startsWith('image/') ? 'photo' : 'document',
          fileId: `web-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}`,
          name,
          size: bytes.length,
          mimeType,
          // The upload is the file: nothing to fetch from a platform.
          download: async () => bytes,
        },
      },
    };
  }
  return null;
}
