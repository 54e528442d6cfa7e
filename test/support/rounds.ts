import { DateTime } from 'luxon';
import { UNIT_KINDS } from '../../src/domain/unit-kinds';
import type { RoundDoc } from '../../src/store/models';

export const ZONE = 'Asia/Ho_Chi_Minh';

/** The 2026 annual round as the schedule defines it (open 15/11, due before 10/12/2026), for every kind. */
export function annualRound2026(
  overrides: Partial<RoundDoc> = {},
): Omit<RoundDoc, 'createdAt' | 'updatedAt'> {
  return {
    _id: 'annual-2026',
    kind: 'annual',
    year: 2026,
    title: 'Báo cáo năm 2026',
    flowId: 'bao-cao-dan-chu-co-so',
    sections: [],
    opensAt: DateTime.fromISO('2026-11-15T00:00:00', { zone: ZONE }).toJSDate(),
    dueAt: DateTime.fromISO('2026-12-09T23:59:59.999', { zone: ZONE }).toJSDate(),
    dueLabel: 'trước ngày 10/12/2026',
    dataFrom: null,
    dataTo: null,
    targetKinds: [...UNIT_KINDS],
    targetUnitCodes: [],
    exemptUnitCodes: [],
    reminderPlan: [],
    request: null,
    createdBy: 'test',
    ...overrides,
  };
}
