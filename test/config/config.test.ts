import { createConfig } from '../../src/config/config';

describe('createConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const result = createConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      logLevel: 'info',
      timeZone: 'Asia/Ho_Chi_Minh',
      dataDir: './data',
      flowsDir: './flows',
      mongodbUri: undefined,
      mongodbDb: 'baocao',
      http: { host: '127.0.0.1', port: 3000 },
      telegram: undefined,
      zalo: undefined,
      inviteTtlDays: 14,
      maxAttachmentBytes: 20 * 1024 * 1024,
      reminders: { enabled: true, cron: '*/5 * * * *' },
    });
    expect(result.config.organisation.place).toBe('Hồng An');
  });

  it('treats blank values as unset', () => {
    const result = createConfig({ MONGODB_URI: '', TELEGRAM_BOT_TOKEN: '   ', HTTP_PORT: '' });
    expect(result.ok && result.config.mongodbUri === undefined && result.config.telegram === undefined).toBe(
      true,
    );
  });

  it('enables Telegram with its API root and secretariat ids', () => {
    const result = createConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCdefGhIJKlmnOPQrstUVwxyz',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      SECRETARIAT_TELEGRAM_IDS: '111, 222 ,',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.telegram).toEqual({
      token: '123456:ABCdefGhIJKlmnOPQrstUVwxyz',
      apiRoot: 'http://127.0.0.1:8081',
      webhook: undefined,
      secretariatIds: ['111', '222'],
    });
  });

  it('reports one readable line per bad variable, naming it and what is expected', () => {
    const result = createConfig({
      LOG_LEVEL: 'loud',
      TZ: 'Mars/Olympus',
      HTTP_PORT: '70000',
      MONGODB_URI: 'postgres://x',
      TELEGRAM_BOT_TOKEN: 'not-a-token',
      INVITE_TTL_DAYS: 'two weeks',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(6);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'LOG_LEVEL = "loud": expected one of fatal, error, warn, info, debug, trace, silent',
        'TZ = "Mars/Olympus": expected an IANA time zone such as Asia/Ho_Chi_Minh',
        'HTTP_PORT = "70000": expected a port between 0 and 65535',
        expect.stringMatching(/^MONGODB_URI = "pos…": expected a mongodb:\/\//),
        expect.stringMatching(/^TELEGRAM_BOT_TOKEN = "not…": expected a token from @BotFather/),
        expect.stringMatching(/^INVITE_TTL_DAYS = "two weeks": expected/),
      ]),
    );
    // Secrets are never echoed whole.
    expect(result.problems.join('\n')).not.toContain('not-a-token');
  });

  it('requires a webhook secret when a webhook URL is set', () => {
    const result = createConfig({
      TELEGRAM_BOT_TOKEN: '123456:ABCdefGhIJKlmnOPQrstUVwxyz',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/telegram',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.stringMatching(/^TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL/),
    ]);
  });
});
