import { vi } from '../../conversation/common-texts';
import { T } from '../../engine/texts';

/**
 * Zalo has no buttons, so "bấm nút" in a shared text would send people looking for something that
 * is not there. The shared texts keep naming buttons for Telegram and the web chat; here each such
 * sentence gets its Zalo wording (what to type instead). Built from the texts themselves, so a
 * reworded original is either matched or left visibly unchanged by the test that checks Zalo.
 */
const SENTENCES: readonly (readonly [string, string])[] = [
  [T.reviewEditHint, 'Để sửa, gõ «Sửa câu <số>» hoặc «Mục <số mục>».'],
  [T.missingHint, 'Gõ «Sửa câu <số>» (ví dụ: «Sửa câu 3») để trả lời.'],
  [vi.chooseRound, 'Đơn vị đang có các đợt báo cáo sau. Chọn một đợt (gõ số thứ tự):'],
  [
    vi.editChooseSection,
    'Gõ «Sửa câu <số>» (ví dụ: sua 5) để sửa một câu, hoặc «Mục <số mục>» để sửa cả mục.',
  ],
  ['Đồng chí trả lời bằng tin nhắn hoặc bấm nút.', 'Đồng chí trả lời bằng tin nhắn.'],
  ['; hoặc bấm nút từng phương án để thêm, bỏ từng cái, rồi gõ «Xong».', '.'],
  [' (hoặc bấm «Giữ như kỳ trước»)', ''],
];

/** 'Bấm "Tiếp tục báo cáo" hoặc gõ /baocao' → 'Gõ /baocao' (the button is listed by number anyway). */
const PRESS_OR_TYPE = /(Đồng chí )?[Bb]ấm (?:nút )?"[^"]+" hoặc gõ /gu;

export function zaloWording(text: string): string {
  let out = text;
  for (const [shared, zalo] of SENTENCES) if (out.includes(shared)) out = out.split(shared).join(zalo);
  return out.replace(PRESS_OR_TYPE, (_match, who: string | undefined) => (who ? 'Đồng chí gõ ' : 'Gõ '));
}
