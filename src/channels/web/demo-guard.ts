import { isIPv4 } from 'node:net';

/**
 * Demo mode (no platform token) lets anyone who reaches the web chat pick any unit, or the
 * secretariat: fine on the machine in front of you, never on an address others can reach.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIPv4(bare) && bare.startsWith('127.'));
}

/** Thrown by startApp before anything starts; main.ts prints the message as a configuration error. */
export class DemoModeHostError extends Error {
  constructor(readonly host: string) {
    super(
      `HTTP_HOST = "${host}": chưa đặt TELEGRAM_BOT_TOKEN hay ZALO_BOT_TOKEN nên web chat đang ở chế độ thử, ` +
        'ai mở được trang cũng chọn được đơn vị hay Ban Xây dựng Đảng (thư ký); chế độ này chỉ chạy trên ' +
        'địa chỉ nội bộ 127.0.0.1. Hãy đặt token bot trong .env (xem README, mục Telegram), hoặc ' +
        'HTTP_HOST=127.0.0.1. (Demo mode without a platform token only listens on a loopback address: ' +
        'set TELEGRAM_BOT_TOKEN or ZALO_BOT_TOKEN, or HTTP_HOST=127.0.0.1.)',
    );
  }
}
