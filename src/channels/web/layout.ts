import { html, raw, type SafeHtml } from './html';

/**
 * One stylesheet for the chat and the dashboard: system fonts only (no CDN), a sober red-and-white
 * look familiar from official portals, and layouts that collapse to one column on a phone.
 */
const STYLES = `
:root{--red:#9b1c1c;--red-dark:#7a1414;--gold:#d4a017;--ink:#1f2328;--muted:#5b6470;--line:#dfe2e6;--bg:#f4f5f7;--ok:#17803d;--warn:#b45309;--bad:#b91c1c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.45;color:var(--ink);background:var(--bg)}
a{color:var(--red)}
header.top{background:var(--red);color:#fff;border-bottom:3px solid var(--gold)}
header.top .inner{max-width:1100px;margin:0 auto;padding:10px 16px;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
header.top .brand{font-weight:700;letter-spacing:.2px}
header.top .brand small{display:block;font-weight:400;opacity:.85;font-size:13px}
header.top nav{margin-left:auto;display:flex;gap:6px;flex-wrap:wrap}
header.top nav a,header.top nav button{color:#fff;text-decoration:none;font-size:14px;padding:6px 10px;border-radius:6px;background:rgba(255,255,255,.12);border:0;font-family:inherit;cursor:pointer}
header.top nav a.active,header.top nav a:hover,header.top nav button:hover{background:rgba(255,255,255,.28)}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:22px;margin:4px 0 12px}
h2{font-size:18px;margin:20px 0 8px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px;margin-bottom:14px}
.muted{color:var(--muted)}
.small{font-size:14px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px}
.pick{display:block;width:100%;text-align:left;background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 14px;font:inherit;cursor:pointer;color:inherit}
.pick:hover,.pick:focus{border-color:var(--red);outline:none;box-shadow:0 0 0 2px rgba(155,28,28,.15)}
.pick strong{display:block}
.pick.secretariat{border-left:5px solid var(--red)}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{padding:8px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;font-size:15px}
th{background:#faf7f2;font-weight:600;font-size:14px}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:10px}
.badge{display:inline-block;padding:2px 8px;border-radius:999px;font-size:13px;font-weight:600;white-space:nowrap}
.s-overdue{background:#fde2e2;color:var(--bad)}
.s-returned{background:#ffedd5;color:var(--warn)}
.s-not_started{background:#eceff3;color:#4b5563}
.s-in_progress{background:#fef3c7;color:#92400e}
.s-submitted{background:#dcfce7;color:var(--ok)}
.s-accepted{background:#d1fae5;color:#065f46}
.s-exempt{background:#f1f5f9;color:#64748b}
.bar{height:8px;background:#eceff3;border-radius:4px;overflow:hidden;min-width:80px}
.bar span{display:block;height:100%;background:var(--ok)}
.totals{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0 14px}
.totals .t{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 12px;min-width:110px}
.totals .t b{display:block;font-size:20px}
.btn{display:inline-block;background:var(--red);color:#fff;border:0;border-radius:8px;padding:8px 14px;font:inherit;font-size:15px;cursor:pointer;text-decoration:none}
.btn:hover{background:var(--red-dark)}
.btn.light{background:#fff;color:var(--red);border:1px solid var(--red)}
.btn-sm{padding:3px 10px;font-size:13px}
.btn + .btn{margin-left:6px}
pre.report{white-space:pre-wrap;word-wrap:break-word;font-family:inherit;margin:0}
.notice{border-left:4px solid var(--red);background:#fff;padding:12px 14px;border-radius:6px}
form.inline{display:inline}
@media (max-width:640px){main{padding:10px}th,td{padding:6px 6px;font-size:14px}.hide-sm{display:none}h1{font-size:19px}}
`;

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Links in the header bar: [label, href, active]. */
  nav?: SafeHtml;
  subtitle?: string;
  /** A page script (the chat's); runs only with this nonce under the content security policy. */
  script?: { nonce: string; code: string };
  head?: SafeHtml;
}

export function page(options: PageOptions): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
${options.head}
<style>${raw(STYLES)}</style>
</head>
<body>
<header class="top"><div class="inner">
<div class="brand">Báo cáo dân chủ cơ sở<small>${options.subtitle ?? 'Đảng ủy phường — Ban Xây dựng Đảng'}</small></div>
${options.nav ? html`<nav>${options.nav}</nav>` : ''}
</div></header>
${options.body}
${options.script ? html`<script nonce="${options.script.nonce}">${raw(options.script.code)}</script>` : ''}
</body>
</html>`.value;
}

/** A whole page with one message: 401/403/404 answers in Vietnamese. */
export function messagePage(title: string, message: SafeHtml, nav?: SafeHtml): string {
  return page({ title, nav, body: html`<main><h1>${title}</h1><div class="notice">${message}</div></main>` });
}
