import type { RoundDoc } from '../../store/models';
import { LATE_SUBMISSION_DAYS } from './rounds-for-unit';

const DAY_MS = 86_400_000;

/**
 * The order of the dashboard's round list: what the secretariat works on now comes first.
 * 1. Open rounds (opened, deadline not long past: late submissions still come in), nearest deadline first.
 * 2. Rounds not open yet (next year's), soonest first.
 * 3. Closed rounds, most recent first.
 * (The store lists newest deadline first, which put next year's round above the current one.)
 */
export function dashboardRoundOrder(rounds: readonly RoundDoc[], now: Date): RoundDoc[] {
  const t = now.getTime();
  const group = (round: RoundDoc) => {
    if (round.opensAt.getTime() > t) return 1;
    return round.dueAt.getTime() + LATE_SUBMISSION_DAYS * DAY_MS >= t ? 0 : 2;
  };
  return [...rounds].sort((a, b) => {
    const ga = group(a);
    const gb = group(b);
    if (ga !== gb) return ga - gb;
    const byDue = a.dueAt.getTime() - b.dueAt.getTime();
    return ga === 2 ? -byDue : byDue;
  });
}
