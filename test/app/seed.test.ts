import path from 'node:path';
import { EXAMPLE_UNITS_FILE, shouldSeedUnits } from '../../src/app/seed';
import { createConfig } from '../../src/config/config';

const TOKEN = '123456:ABCdefGhIJKlmnOPQrstUVwxyz';

function config(env: Record<string, string>) {
  const result = createConfig(env);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.config;
}

describe('seeding the units at a start', () => {
  it('loads the example ward only at the first run of the out-of-the-box demo', () => {
    expect(shouldSeedUnits(config({}), 0)).toBe(true);
    expect(shouldSeedUnits(config({}), 17)).toBe(false);
  });

  it('never seeds the example ward at a start with a platform token, even named explicitly', () => {
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN }), 0)).toBe(false);
    expect(shouldSeedUnits(config({ ZALO_BOT_TOKEN: 'bot:secret' }), 0)).toBe(false);
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN, UNITS_FILE: EXAMPLE_UNITS_FILE }), 0)).toBe(
      false,
    );
    // …unless the caller asks for it (tests that start with a token on the example ward).
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN }), 0, true)).toBe(true);
  });

  it("loads a units file of the ward's own into an empty store, never over existing units", () => {
    // The default (./flows/units/don-vi-mau.yaml) and .env.example's value are the example ward.
    expect(path.resolve(config({}).unitsFile)).toBe(EXAMPLE_UNITS_FILE);
    const elsewhere = path.join(__dirname, 'seed.test.ts'); // any existing file that is not the example
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN, UNITS_FILE: elsewhere }), 0)).toBe(true);
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN, UNITS_FILE: elsewhere }), 3)).toBe(false);
    expect(shouldSeedUnits(config({ TELEGRAM_BOT_TOKEN: TOKEN, UNITS_FILE: '/nonexistent.yaml' }), 0)).toBe(
      false,
    );
  });
});
