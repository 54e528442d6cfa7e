import { CONTACT_COMMANDS } from '../../conversation/command-menu';
import type { PickableUnit } from '../../features/contacts/demo-identities';
import { CHAT_SCRIPT } from './chat-script';
import { html, raw, type SafeHtml, scriptJson } from './html';
import { page } from './layout';

export const SECRETARIAT_PICK = 'thu-ky';

/** The command bar under the messages: the report journey's commands that have a button label. */
export const COMMAND_BUTTONS = CONTACT_COMMANDS.flatMap(({ command, label }) =>
  label ? [{ command, label }] : [],
);

const CHAT_STYLES = `
body.chat{height:100vh;height:100dvh;display:flex;flex-direction:column;overflow:hidden}
.chat-head{background:#fff;border-bottom:1px solid var(--line);padding:8px 16px}
.chat-head .inner{max-width:820px;margin:0 auto;display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.chat-head .who{font-weight:600}
.chat-head .right{margin-left:auto;display:flex;gap:8px;align-items:center}
#messages{flex:1;overflow-y:auto;padding:12px 16px}
#messages>.msg{max-width:820px;margin:0 auto 10px;display:flex;flex-direction:column}
.msg .bubble{max-width:88%;padding:9px 12px;border-radius:14px;white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;box-shadow:0 1px 1px rgba(0,0,0,.06)}
.msg.bot .bubble{background:#fff;border:1px solid var(--line);align-self:flex-start;border-top-left-radius:4px}
.msg.user .bubble{background:#fdecec;border:1px solid #f3c9c9;align-self:flex-end;border-top-right-radius:4px}
.msg.error .bubble{border-color:var(--bad);color:var(--bad)}
.msg .doc{display:inline-block;margin-top:6px;font-weight:600}
.keyboard{align-self:flex-start;max-width:88%;margin-top:6px;display:flex;flex-direction:column;gap:6px}
.keyboard .row{display:flex;gap:6px;flex-wrap:wrap}
.reply-btn{flex:1 1 auto;background:#fff;border:1px solid var(--red);color:var(--red);border-radius:8px;padding:8px 12px;font:inherit;font-size:15px;cursor:pointer;text-align:center}
.reply-btn:hover,.reply-btn:focus{background:#fdecec;outline:none}
.dock{background:#fff;border-top:1px solid var(--line);padding:8px 12px calc(8px + env(safe-area-inset-bottom))}
.dock .inner{max-width:820px;margin:0 auto}
.commands{display:flex;gap:6px;flex-wrap:wrap;padding-bottom:6px}
.commands button{flex:0 0 auto;background:#f7efe2;border:1px solid #e6d3b0;color:#5b3b00;border-radius:999px;padding:5px 11px;font:inherit;font-size:14px;cursor:pointer}
#composer{display:flex;gap:8px;align-items:flex-end}
#composer textarea{flex:1;resize:none;min-height:44px;max-height:140px;padding:10px 12px;border:1px solid var(--line);border-radius:10px;font:inherit}
#composer textarea:focus{outline:none;border-color:var(--red)}
.attach{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;border:1px solid var(--line);border-radius:10px;cursor:pointer;background:#fff;color:var(--muted)}
.attach:hover{border-color:var(--red);color:var(--red)}
.sr-only{position:absolute;left:-9999px}
.attach input{display:none}
#composer .btn{height:44px}
`;

/** Drawn, not an emoji: phones without an emoji font would show a box. */
const PAPERCLIP = raw(
  '<svg width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21.44 11.05l-9.19 9.19a6 6 0 0 1-8.49-8.49l9.19-9.19a4 4 0 0 1 5.66 5.66l-9.2 9.19a2 2 0 0 1-2.83-2.83l8.49-8.48"/></svg>',
);

export function pickerPage(units: PickableUnit[], options: { error?: string }): string {
  const groups = new Map<string, PickableUnit[]>();
  for (const unit of units) {
    const group = unit.group || 'Đơn vị khác';
    groups.set(group, [...(groups.get(group) ?? []), unit]);
  }
  const body = html`<main>
<h1>Chọn đơn vị để dùng thử</h1>
<p class="muted">Bản chạy thử trên máy này: chọn đơn vị mà đồng chí đại diện để làm báo cáo như trên Telegram, hoặc chọn Ban Xây dựng Đảng để xem bảng điều khiển.</p>
${options.error ? html`<div class="notice" role="alert">${options.error}</div>` : ''}
<form method="post" action="/web/chon" class="card">
<label for="ten" class="small muted">Họ và tên (không bắt buộc)</label><br>
<input id="ten" name="ten" maxlength="80" autocomplete="name" style="width:100%;max-width:360px;padding:8px;border:1px solid var(--line);border-radius:8px;font:inherit;margin:4px 0 12px">
<h2>Ban Xây dựng Đảng</h2>
<div class="grid"><button class="pick secretariat" name="donvi" value="${SECRETARIAT_PICK}" data-testid="pick-secretariat"><strong>Ban Xây dựng Đảng (thư ký)</strong><span class="small muted">Theo dõi tình hình nộp, xem báo cáo, tải văn bản tổng hợp</span></button></div>
${[...groups].map(
  ([group, members]) =>
    html`<h2>${group}</h2><div class="grid">${members.map(
      (unit) =>
        html`<button class="pick" name="donvi" value="${unit._id}" data-testid="pick-${unit._id}"><strong>${unit.name}</strong><span class="small muted">Mã: ${unit._id}</span></button>`,
    )}</div>`,
)}
</form>
</main>`;
  return page({ title: 'Chọn đơn vị — Báo cáo dân chủ cơ sở', body });
}

export interface ChatPageInput {
  nonce: string;
  csrf: string;
  who: string;
  unitName: string | null;
  isSecretariat: boolean;
  historyKey: string;
  maxBytes: number;
  demo: boolean;
}

export function chatPage(input: ChatPageInput): string {
  const greeting = input.isSecretariat
    ? `Xin chào đồng chí ${input.who}. Đồng chí đang dùng với vai trò Ban Xây dựng Đảng (thư ký). Mở «Bảng điều khiển» ở trên để xem tình hình nộp báo cáo; bấm «Trợ giúp» để xem các lệnh.`
    : `Xin chào đồng chí ${input.who}, đơn vị ${input.unitName ?? ''}. Bấm «Báo cáo» để bắt đầu hoặc tiếp tục báo cáo; mỗi câu trả lời được lưu ngay.`;
  const boot = {
    csrf: input.csrf,
    historyKey: input.historyKey,
    maxBytes: input.maxBytes,
    pollMs: 5000,
    greeting,
    texts: {
      networkError: 'Không gửi được tin nhắn (mất kết nối). Vui lòng thử lại.',
      tooLarge: `Tệp quá lớn. Dung lượng tối đa cho phép là ${Math.round(input.maxBytes / 1024 / 1024)} MB.`,
      fileError: 'Không đọc được tệp này.',
    },
  };
  const body: SafeHtml = html`<div class="chat-head"><div class="inner">
<div><div class="who" data-testid="who">${input.unitName ?? 'Ban Xây dựng Đảng (thư ký)'}</div><div class="small muted">${input.who}</div></div>
<div class="right">
${input.isSecretariat ? html`<a class="btn light" href="/bang-dieu-khien" data-testid="to-dashboard">Bảng điều khiển</a>` : ''}
${
  input.demo
    ? html`<form id="leave" method="post" action="/web/thoat" class="inline"><input type="hidden" name="csrf" value="${input.csrf}"><button class="btn light" type="submit">Đổi đơn vị</button></form>`
    : ''
}
</div></div></div>
<div id="messages" aria-live="polite"></div>
<div class="dock"><div class="inner">
<div class="commands">${COMMAND_BUTTONS.map(
    (c) => html`<button type="button" data-command="${c.command}">${c.label}</button>`,
  )}</div>
<form id="composer" autocomplete="off">
<label class="attach" title="Gửi tệp đính kèm">${PAPERCLIP}<span class="sr-only">Gửi tệp đính kèm</span><input id="file" type="file" multiple></label>
<textarea id="text" rows="1" maxlength="4000" placeholder="Nhập câu trả lời…" aria-label="Tin nhắn"></textarea>
<button class="btn" type="submit">Gửi</button>
</form>
</div></div>
<script type="application/json" id="boot">${scriptJson(boot)}</script>`;
  const markup = page({
    title: 'Trò chuyện — Báo cáo dân chủ cơ sở',
    body,
    head: html`<style>${raw(CHAT_STYLES)}</style>`,
    script: { nonce: input.nonce, code: CHAT_SCRIPT },
  });
  // The chat fills the screen: the page body gets its own class.
  return markup.replace('<body>', '<body class="chat" data-busy="1">');
}
