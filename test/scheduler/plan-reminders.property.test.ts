import './tz-utc';
import fc from 'fast-check';
import { planReminders } from '../../src/scheduler/plan-reminders';
import { isQuietTime, roundForYear, STAGE_GRACE_HOURS } from '../../src/scheduler/round-calendar';
import { at, shipped, wardInput } from './fixtures';

const annual2026 = roundForYear(shipped, shipped.rounds[1]!, 2026);
const START = at('2026-11-14T00:00:00+07:00');
const END = at('2026-12-20T00:00:00+07:00');
// 7 unit stages × 4 remindable contacts + 7 digests × 1 member: 3 weekly (16/11, 23/11, 30/11;
// Monday 7/12 is the truoc-3 digest's day), truoc-3, and the late digests of han, qua-1, qua-3.
const ALL_KEYS = 7 * 4 + 7;

/** Runs passes at the given instants as the wiring would: record every planned key, send `due`. */
function runPasses(instants: number[]) {
  const recorded = new Set<string>();
  const sent: string[] = [];
  const skipped: string[] = [];
  for (const ms of instants) {
    const now = START.plus({ milliseconds: ms });
    const plan = planReminders(wardInput(now, [annual2026], { alreadyRecorded: recorded }));
    for (const p of plan.due) {
      // Never during quiet hours, never before its instant, never after its grace.
      expect(isQuietTime(now, shipped)).toBe(false);
      expect(p.stageAt <= now && now < p.stageAt.plus({ hours: STAGE_GRACE_HOURS })).toBe(true);
      sent.push(p.key);
    }
    for (const p of plan.skipped) skipped.push(p.key);
    for (const p of [...plan.due, ...plan.skipped]) recorded.add(p.key);
  }
  return { sent, skipped, recorded };
}

test('a bot that runs a pass every 20 minutes sends every reminder exactly once and skips none', () => {
  const instants: number[] = [];
  for (let ms = 0; START.plus({ milliseconds: ms }) < END; ms += 20 * 60_000) instants.push(ms);
  const { sent, skipped } = runPasses(instants);
  expect(skipped).toEqual([]);
  expect(sent).toHaveLength(ALL_KEYS);
  expect(new Set(sent).size).toBe(ALL_KEYS);
});

test('with any pattern of downtime, each reminder is recorded exactly once, and sent only if a pass came within its grace', () => {
  const span = END.diff(START).toMillis();
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: span - 1 }), { maxLength: 40 }), (raw) => {
      const instants = [...raw].sort((a, b) => a - b);
      instants.push(span); // the bot is back after the round ended
      const { sent, skipped, recorded } = runPasses(instants);
      expect(new Set(sent).size).toBe(sent.length);
      expect(sent.filter((k) => skipped.includes(k))).toEqual([]);
      expect(recorded.size).toBe(ALL_KEYS);
    }),
    { numRuns: 60 },
  );
});
