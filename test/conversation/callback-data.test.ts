import { z } from 'zod';
import {
  CALLBACK_DATA_MAX_BYTES,
  callbackRegistry,
  field,
  optional,
  positional,
} from '../../src/conversation/callback-data';
import { CALLBACKS } from '../../src/conversation/callbacks';

/**
 * Button data already sent stays in users' chats (Telegram keeps old keyboards, Zalo remembers
 * numbered buttons in the store): each row is data an earlier version wrote, and what it must
 * still mean. A change here breaks buttons people have on their screens.
 */
const WIRE: [keyof typeof CALLBACKS, string, unknown][] = [
  ['flow', 'f:a:i_dac_diem:1', { token: 'a:i_dac_diem:1' }],
  ['flow', 'f:j:III.2', { token: 'j:III.2' }],
  ['flow', 'f:r', { token: 'r' }],
  ['chooseRound', 'r:annual-2026', { roundId: 'annual-2026' }],
  ['chooseRound', 'r:dot-xuat-20261126-k3f9', { roundId: 'dot-xuat-20261126-k3f9' }],
  ['confirmSubmit', 'n:y', { choice: 'y' }],
  ['confirmSubmit', 'n:n', { choice: 'n' }],
  ['board', 'st:annual-2026', { roundId: 'annual-2026' }],
  ['viewReport', 'sv:annual-2026:kp1', { roundId: 'annual-2026', unitCode: 'kp1' }],
  ['viewReport', 'sv:annual-2026:kp1:2', { roundId: 'annual-2026', unitCode: 'kp1', version: 2 }],
  ['returnAsk', 'sr:annual-2026:kp1:3', { roundId: 'annual-2026', unitCode: 'kp1', version: 3 }],
  ['returnAsk', 'sr:annual-2026:kp1', { roundId: 'annual-2026', unitCode: 'kp1' }],
  ['returnConfirm', 'sc:y', { choice: 'y' }],
  ['accept', 'sa:annual-2026:kp1:1', { roundId: 'annual-2026', unitCode: 'kp1', version: 1 }],
  ['unitWord', 'sw:annual-2026:kp1', { roundId: 'annual-2026', unitCode: 'kp1' }],
  ['exports', 'sx:annual-2026', { roundId: 'annual-2026', unitReports: false }],
  ['exports', 'sx:u:annual-2026', { roundId: 'annual-2026', unitReports: true }],
  ['remind', 'sn:annual-2026', { roundId: 'annual-2026' }],
  ['requestWizard', 'sy:1', { value: '1' }],
  ['unitOpen', 'su:kp1', { unitCode: 'kp1' }],
  ['unitInvite', 'si:hoi-lhpn', { unitCode: 'hoi-lhpn' }],
  ['contactDeactivate', 'sd:telegram:u-kp2', { contactId: 'telegram:u-kp2' }],
  ['contactDeactivateConfirm', 'sk:y:zalo:8123', { choice: 'y', contactId: 'zalo:8123' }],
];

describe('the wire format of button data', () => {
  test.each(WIRE)('%s reads %s as before, and writes it back the same', (name, data, fields) => {
    const kind = CALLBACKS[name] as { decode(d: string): unknown; encode(f: unknown): string };
    expect(kind.decode(data)).toEqual(fields);
    expect(kind.encode(fields)).toBe(data);
  });

  it('declares every kind with its own prefix of one or two letters', () => {
    const prefixes = Object.values(CALLBACKS).map((kind) => kind.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[a-z]{1,2}$/);
  });
});

describe('forged or garbled button data', () => {
  test.each([
    ['chooseRound', 'r'],
    ['chooseRound', 'r:'],
    ['chooseRound', 'r:a b'],
    ['chooseRound', 'r:annual-2026:extra'],
    ['confirmSubmit', 'n:maybe'],
    ['confirmSubmit', 'n'],
    ['viewReport', 'sv:annual-2026'],
    ['viewReport', 'sv:annual-2026:kp1:two'],
    ['viewReport', 'sv:annual-2026:kp1:1:2'],
    ['unitWord', 'sw:annual-2026:kp1:1'],
    ['exports', 'sx:u:a:b'],
    ['exports', 'sx'],
    ['requestWizard', 'sy:hủy'],
    ['contactDeactivate', 'sd:nobody'],
    ['contactDeactivateConfirm', 'sk:x:telegram:1'],
    ['contactDeactivateConfirm', 'sk:y'],
    ['flow', 'f:'],
    ['flow', 'f:a b'],
    // Another kind's data, even with a prefix that starts the same.
    ['board', 'sv:annual-2026:kp1'],
    ['chooseRound', 'rr:annual-2026'],
  ] as [keyof typeof CALLBACKS, string][])('%s refuses %s', (name, data) => {
    expect(CALLBACKS[name].decode(data)).toBeNull();
  });

  it('refuses data longer than Telegram accepts', () => {
    const long = `r:${'x'.repeat(CALLBACK_DATA_MAX_BYTES)}`;
    expect(CALLBACKS.chooseRound.decode(long)).toBeNull();
  });
});

describe('writing button data', () => {
  it('leaves out (tryEncode) or refuses (encode) data over 64 bytes', () => {
    const roundId = 'a'.repeat(40);
    const fields = { roundId, unitCode: 'u'.repeat(30) };
    expect(CALLBACKS.viewReport.tryEncode(fields)).toBeNull();
    expect(() => CALLBACKS.viewReport.encode(fields)).toThrow(/64 bytes/);
    expect(CALLBACKS.viewReport.tryEncode({ roundId, unitCode: 'kp1' })).toBe(`sv:${roundId}:kp1`);
  });

  it('refuses fields that would not read back (a ":" in a round id shifts the others)', () => {
    expect(CALLBACKS.viewReport.tryEncode({ roundId: 'a:b', unitCode: 'kp1' })).toBeNull();
    expect(() => CALLBACKS.chooseRound.encode({ roundId: 'hai từ' })).toThrow();
  });
});

describe('declaring kinds', () => {
  it('refuses two kinds with one prefix, the engine’s f: included', () => {
    const mine = positional('f', { id: field(z.string()) });
    expect(() => callbackRegistry({ flow: CALLBACKS.flow, mine })).toThrow(
      'button data prefix "f" declared twice (flow, mine)',
    );
  });

  it('refuses a prefix that is not one or two lower-case letters', () => {
    expect(() => positional('abc', { id: field(z.string()) })).toThrow(/1–2 lower-case letters/);
    expect(() => positional('A', { id: field(z.string()) })).toThrow(/1–2 lower-case letters/);
  });

  it('refuses an optional field before a required one', () => {
    const version = optional(field(z.string().regex(/^\d+$/).transform(Number)));
    expect(() => positional('zz', { version, id: field(z.string()) })).toThrow(
      /optional fields must come last/,
    );
  });
});
