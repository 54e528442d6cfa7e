import { textContent } from '../../src/channels/zalo/normalize';
import { lastNumbered, renderForZalo, ZALO_MAX_TEXT, zaloTexts } from '../../src/channels/zalo/render';
import { vi } from '../../src/conversation/common-texts';
import type { Outbound } from '../../src/conversation/messages';
import { T, textsFor } from '../../src/engine/texts';
import { sv } from '../../src/features/secretariat/chat/secretariat-texts';

const confirm: Outbound = {
  text: vi.confirmSubmit('Báo cáo năm 2026', 3, 3),
  // As the report feature sends it: its text lists the choices ("1. Nộp báo cáo   2. Chưa nộp").
  choices: 'listed',
  buttons: [
    [
      { label: vi.confirmSubmitButtons.yes, data: 'n:y' },
      { label: vi.confirmSubmitButtons.no, data: 'n:n' },
    ],
  ],
};

describe('Zalo rendering', () => {
  test('non-flow buttons are numbered in the text and remembered', () => {
    const message: Outbound = {
      text: 'Có yêu cầu mới.',
      buttons: [[{ label: '📋 Làm báo cáo', data: 'r:dot-xuat-1' }], [{ label: 'Để sau', data: 'z:later' }]],
    };
    const rendering = renderForZalo(message);
    expect(rendering.parts).toEqual(['Có yêu cầu mới.\n\nTrả lời số: 1. Làm báo cáo   2. Để sau']);
    expect(rendering.numbered?.map((b) => b.data)).toEqual(['r:dot-xuat-1', 'z:later']);
  });

  test('choices the text already numbers are not listed twice', () => {
    const rendering = renderForZalo(confirm);
    expect(rendering.parts).toEqual([confirm.text]);
    expect(rendering.numbered?.map((b) => b.data)).toEqual(['n:y', 'n:n']);
  });

  test('many buttons are listed one per line', () => {
    const buttons = Array.from({ length: 5 }, (_, i) => [{ label: `Đơn vị số ${i + 1}`, data: `u:${i}` }]);
    const [part] = renderForZalo({ text: 'Chọn đơn vị', buttons }).parts;
    expect(part).toBe(
      `Chọn đơn vị\n\nTrả lời số:\n${buttons.map((_, i) => `${i + 1}. Đơn vị số ${i + 1}`).join('\n')}`,
    );
  });

  test('flow-engine buttons add nothing and are not remembered', () => {
    const message: Outbound = {
      text: 'Câu 1/3\nChọn đơn vị\n1. HĐND\n2. UBND\nTrả lời bằng số thứ tự (1 hoặc 2).',
      buttons: [[{ label: '1. HĐND', data: 'f:a:q:1' }], [{ label: '2. UBND', data: 'f:a:q:2' }]],
      choices: 'typed',
    };
    const rendering = renderForZalo(message);
    expect(rendering.parts).toEqual([message.text]);
    expect(rendering.numbered).toBeNull();
  });

  test('the last message with buttons decides what a typed number means; none clears', () => {
    const plain: Outbound = { text: 'Đã nộp.' };
    const flow: Outbound = {
      text: 'Câu 2',
      buttons: [[{ label: 'Bỏ qua ▶', data: 'f:s:q' }]],
      choices: 'typed',
    };
    const all = [confirm, plain, flow];
    expect(lastNumbered(all.map(renderForZalo), [confirm, plain])).toHaveLength(2);
    expect(lastNumbered(all.map(renderForZalo), all)).toEqual([]);
    expect(lastNumbered([renderForZalo(plain)], [plain])).toEqual([]);
  });

  test('long texts are split at 2000 characters', () => {
    const text = Array.from({ length: 120 }, (_, i) => `Dòng số ${i}: ${'nội dung '.repeat(4)}`).join('\n');
    const { parts } = renderForZalo({ text });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(ZALO_MAX_TEXT);
  });

  test('the hints come from the code that writes the message, not from its words', () => {
    // Same words, no hint: nothing added (renderers read hints only).
    expect(renderForZalo({ text: vi.help(false) }).parts.join('\n')).not.toContain(zaloTexts.help);
    expect(renderForZalo({ text: T.needFile }).parts[0]).not.toContain(zaloTexts.noDocuments);
  });

  test('attachment questions and the help explain that documents cannot be sent', () => {
    const ask = `Câu 5/5\nTài liệu kèm theo\n${T.hintAttachment(10, 20)}`;
    expect(renderForZalo({ text: ask, asksForFile: true }).parts[0]).toContain(zaloTexts.noDocuments);
    expect(renderForZalo({ text: T.needFile, asksForFile: true }).parts[0]).toContain(zaloTexts.noDocuments);
    const help = renderForZalo({ text: vi.help(false), isHelp: true }).parts.join('\n');
    expect(help).toContain(zaloTexts.help);
    expect(help).toContain(zaloTexts.noDocuments);
    expect(renderForZalo({ text: 'Câu 1/5\nNhập nội dung.' }).parts[0]).not.toContain(zaloTexts.noDocuments);
  });

  test('a document becomes a note, as Zalo cannot send files', () => {
    const { parts } = renderForZalo({
      text: '',
      document: { fileName: 'tong-hop.xlsx', bytes: Buffer.from('x'), caption: 'Tổng hợp' },
    });
    expect(parts).toEqual([`${zaloTexts.documentNotSent('tong-hop.xlsx')}\n\nTổng hợp`]);
  });
});

describe('Zalo typed replies', () => {
  const remembered = renderForZalo(confirm).numbered ?? [];

  test('a number or a label picks a remembered button', () => {
    expect(textContent('1', remembered)).toEqual({ type: 'button', data: 'n:y' });
    expect(textContent(' 2. ', remembered)).toEqual({ type: 'button', data: 'n:n' });
    expect(textContent('nộp', remembered)).toEqual({ type: 'button', data: 'n:y' });
    expect(textContent('Chưa nộp', remembered)).toEqual({ type: 'button', data: 'n:n' });
  });

  test('without remembered buttons numbers are text and words may be commands', () => {
    expect(textContent('1', [])).toEqual({ type: 'text', text: '1' });
    expect(textContent('nộp', [])).toEqual({ type: 'command', command: 'nop', args: '' });
    expect(textContent('3', remembered)).toEqual({ type: 'text', text: '3' });
    expect(textContent('xem', remembered)).toEqual({ type: 'command', command: 'xem', args: '' });
  });
});

describe('texts for a platform without buttons', () => {
  // Zalo's sender has `buttons: false`: the producers word these for typing, the renderer sends them as written.
  test('name no button to press', () => {
    const typed = textsFor({ buttons: false });
    for (const text of [
      typed.reviewEditHint,
      typed.missingHint,
      typed.hintMulti(4),
      typed.keepPrevious,
      typed.keepPreviousFigure,
      vi.chooseRound(false),
      vi.editChooseSection(false),
      vi.help(true, false),
      sv.chooseRound(false),
      sv.boardViewHint(false),
      sv.unitsHead(17, false),
      sv.noContacts(false),
    ]) {
      expect(text).not.toMatch(/bấm/i);
    }
    expect(sv.unitsHead(17, true)).toContain('Bấm một đơn vị');
    expect(textsFor({})).toBe(T);
    expect(vi.help(false, true)).toContain('hoặc bấm nút');
  });
});
