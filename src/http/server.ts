import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/**
 * The one built-in web server: webhooks, the web chat and the dashboard register their routes
 * here. Exact-path routes first, then prefix routes (longest first).
 */
export class HttpServer {
  private readonly exact = new Map<string, RouteHandler>();
  private readonly prefixes: [string, RouteHandler][] = [];
  private server: Server | undefined;
  private openGate: () => void = () => undefined;
  /** Requests accepted between bind() and open() wait here for the routes of the whole app. */
  private readonly opened = new Promise<void>((resolve) => {
    this.openGate = resolve;
  });

  constructor(private readonly logger: Logger) {}

  route(method: string, path: string, handler: RouteHandler): void {
    this.exact.set(`${method} ${path}`, handler);
  }

  /** Handles every method under a path prefix (the handler dispatches itself). */
  mount(prefix: string, handler: RouteHandler): void {
    this.prefixes.push([prefix, handler]);
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  get hasRoutes(): boolean {
    return this.exact.size > 0 || this.prefixes.length > 0;
  }

  /** Binds and serves at once. */
  async listen(host: string, port: number): Promise<AddressInfo> {
    const address = await this.bind(host, port);
    this.open();
    return address;
  }

  /**
   * Binds the socket, so that the address is known (HTTP_PORT=0) before the app is wired; requests
   * wait until {@link open}.
   */
  async bind(host: string, port: number): Promise<AddressInfo> {
    this.server = createServer((request, response) => void this.dispatch(request, response));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    return this.server.address() as AddressInfo;
  }

  /** Lets requests through: every route is registered. */
  open(): void {
    this.openGate();
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.openGate();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await this.opened;
    if (!this.server) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Đang dừng.');
      return;
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const handler =
      this.exact.get(`${request.method} ${path}`) ??
      this.prefixes.find(
        ([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
      )?.[1];
    try {
      if (!handler) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Không tìm thấy trang.');
        return;
      }
      await handler(request, response);
    } catch (error) {
      this.logger.error({ err: error, path }, 'http request failed');
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      response.end('Lỗi máy chủ.');
    }
  }
}
