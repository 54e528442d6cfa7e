import type { IncomingMessage, ServerResponse } from 'node:http';

/** Raised for a request body over its limit; answered with 413. */
export class BodyTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes (the web chat's uploads are bounded like Telegram's). */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readForm(request: IncomingMessage, limit = 16_384): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(request, limit)).toString('utf8'));
}

export function parseCookies(request: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name && !cookies.has(name)) {
      try {
        cookies.set(name, decodeURIComponent(value));
      } catch {
        // A malformed cookie is simply absent.
      }
    }
  }
  return cookies;
}

/**
 * HttpOnly so page scripts never see the credential, SameSite=Strict so no other site can make
 * the browser send it (the first line of CSRF defence), Secure when served over HTTPS.
 */
export function sessionCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** Headers every page carries: no framing, no sniffing, scripts only from this page's own nonce. */
function securityHeaders(nonce?: string): Record<string, string> {
  const script = nonce ? `'nonce-${nonce}'` : "'none'";
  return {
    'content-security-policy': `default-src 'self'; script-src ${script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
    'x-content-type-options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer Chrome sends `Origin: null` on form POSTs.
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
}

export function sendHtml(
  response: ServerResponse,
  status: number,
  body: string,
  options: { nonce?: string; headers?: Record<string, string | string[]> } = {},
): void {
  response
    .writeHead(status, {
      ...securityHeaders(options.nonce),
      'content-type': 'text/html; charset=utf-8',
      ...options.headers,
    })
    .end(body);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  response
    .writeHead(status, {
      ...securityHeaders(),
      'content-type': 'application/json; charset=utf-8',
      ...headers,
    })
    .end(JSON.stringify(value));
}

/** 303 so a POST is followed by a GET (no resubmission on reload). */
export function redirect(
  response: ServerResponse,
  location: string,
  headers: Record<string, string | string[]> = {},
): void {
  response.writeHead(303, { ...securityHeaders(), location, ...headers }).end();
}

export function sendFile(
  response: ServerResponse,
  file: { fileName: string; bytes: Buffer; contentType: string },
): void {
  // RFC 5987: Vietnamese file names need the UTF-8 form; the ASCII fallback keeps old clients working.
  const ascii = file.fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_');
  response
    .writeHead(200, {
      ...securityHeaders(),
      'content-type': file.contentType,
      'content-length': String(file.bytes.length),
      'content-disposition': `attachment; filename="${ascii || 'tep'}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    })
    .end(file.bytes);
}

export function contentTypeOf(fileName: string): string {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  return (
    {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pdf: 'application/pdf',
      zip: 'application/zip',
    }[extension] ?? 'application/octet-stream'
  );
}
