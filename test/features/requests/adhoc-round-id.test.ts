import { DateTime } from 'luxon';
import { adHocRoundId } from '../../../src/features/requests/adhoc-request-service';

/**
 * An ad-hoc request confirmed by an update that is handled again after a crash (the update is
 * redelivered: see Conversation.handle) must ensure the same round, not broadcast a second one.
 */
const now = DateTime.fromISO('2026-11-26T09:00:00+07:00');
const zone = 'Asia/Ho_Chi_Minh';

it('derives the round id from the update that confirmed the request', () => {
  const first = adHocRoundId(now, zone, 'telegram:7001:512');
  expect(first).toMatch(/^dot-xuat-20261126-[a-z0-9]{4}$/);
  expect(adHocRoundId(now.plus({ seconds: 30 }), zone, 'telegram:7001:512')).toBe(first);
  expect(adHocRoundId(now, zone, 'telegram:7001:513')).not.toBe(first);
});

it('keeps a random suffix without a key, so two requests a day never clash', () => {
  const ids = new Set(Array.from({ length: 20 }, () => adHocRoundId(now, zone)));
  expect(ids.size).toBe(20);
});
