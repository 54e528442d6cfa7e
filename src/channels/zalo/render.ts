/**
 * Rendering an {@link Outbound} for Zalo, which has no buttons, keyboards or documents, from the
 * message's hints alone (never from its text):
 *
 * Buttons:
 * - Choices that can be typed (`choices: 'typed'`, the flow engine's questions) are dropped: the
 *   text already numbers the choices ("Trả lời 1, 2 hoặc 3") and names the typed words («Bỏ qua»,
 *   «Quay lại», «Xong»), and the engine parses a typed number itself. Turning "2" into a button
 *   would also be wrong for a number question, where "2" is the answer.
 * - Every other button (round choice, submit confirmation, secretariat buttons) exists only as a
 *   button, so it is listed with a number ("Trả lời số: 1. Nộp báo cáo  2. Chưa nộp") and
 *   remembered per chat; the next typed number (or label) becomes that button (normalize.ts).
 *   When the text already lists them (`choices: 'listed'`: "1. Nộp báo cáo   2. Chưa nộp"), the
 *   list is not repeated, but the buttons are still remembered in that order.
 * Hints: a message that asks for a file (`asksForFile`) and the help text (`isHelp`) get a note
 * that Zalo cannot send documents; the help also says how commands are typed on Zalo.
 * Words: the texts are sent as written. Sentences that would name buttons ("bấm nút") are worded
 * for typing by their producers, who know the platform has none (the sender's and the turn's
 * `buttons: false`, the engine's `EngineContext.buttons`).
 */

import type { Outbound } from '../../conversation/messages';
import { splitText } from '../../conversation/split-text';
import type { ZaloButton } from '../../store/repositories/zalo-buttons';

export type { ZaloButton } from '../../store/repositories/zalo-buttons';

export const ZALO_MAX_TEXT = 2000;

export const zaloTexts = {
  noDocuments:
    '📎 Zalo chưa hỗ trợ gửi tệp tài liệu; đồng chí gửi ảnh chụp, hoặc dùng Telegram/web để gửi tệp.',
  help:
    'TRÊN ZALO\nGõ lệnh có hoặc không có dấu "/", có dấu hay không dấu đều được, ví dụ: baocao, xem, ' +
    'sua 5, nop, tamdung, trogiup. Khi bot liệt kê các lựa chọn, gõ số thứ tự của lựa chọn.',
  choose: 'Trả lời số:',
  documentNotSent: (name: string) =>
    `Zalo không gửi được tệp «${name}». Đồng chí tải tệp trên trang quản trị (web) hoặc qua Telegram.`,
} as const;

/** What one outbound becomes on Zalo: the texts to send and the buttons a typed number may pick. */
export interface ZaloRendering {
  parts: string[];
  /** Buttons numbered in the text, or null when the message has none (typed numbers are plain text). */
  numbered: ZaloButton[] | null;
}

export function renderForZalo(message: Outbound): ZaloRendering {
  const all = (message.buttons ?? []).flat();
  const numbered = all.length > 0 && message.choices !== 'typed' ? all : null;

  const blocks: string[] = [];
  if (message.document) {
    blocks.push(zaloTexts.documentNotSent(message.document.fileName));
    if (message.document.caption) blocks.push(message.document.caption);
  }
  if (message.text) blocks.push(message.text);
  if (numbered && message.choices !== 'listed') blocks.push(choiceList(numbered));
  if (message.asksForFile) blocks.push(zaloTexts.noDocuments);
  if (message.isHelp) blocks.push(zaloTexts.help, zaloTexts.noDocuments);

  const text = blocks.join('\n\n').trim();
  return { parts: text ? splitText(text, ZALO_MAX_TEXT) : [], numbered };
}

/**
 * The buttons a chat's next typed number refers to after a batch of messages: those of the last
 * message that had buttons; none when the batch ended without buttons or with flow buttons (the
 * conversation moved on, and a stale number must not press an old button).
 */
export function lastNumbered(
  renderings: readonly ZaloRendering[],
  messages: readonly Outbound[],
): ZaloButton[] {
  for (let i = messages.length - 1; i >= 0; i--) {
    if ((messages[i]!.buttons ?? []).flat().length > 0) return renderings[i]!.numbered ?? [];
  }
  return [];
}

/** A label without its own numbering or leading emoji: "1. Báo cáo năm 2026" → "Báo cáo năm 2026". */
function bareLabel(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]*(?:\d{1,2}[.)]\s*)?/u, '').trim() || label;
}

function choiceList(buttons: readonly ZaloButton[]): string {
  const items = buttons.map((button, index) => `${index + 1}. ${bareLabel(button.label)}`);
  const inline = items.join('   ');
  return items.length <= 3 && inline.length <= 80
    ? `${zaloTexts.choose} ${inline}`
    : [zaloTexts.choose, ...items].join('\n');
}
