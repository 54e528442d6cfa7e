import { DateTime } from 'luxon';
import { unitReminderMessage } from '../../../src/features/reminders/chat/reminder-messages';
import { dataWindowText } from '../../../src/features/rounds/data-window';
import { formatStatusBoardText, type StatusBoard } from '../../../src/features/rounds/status-board';

const ZONE = 'Asia/Ho_Chi_Minh';
// 01/12/2025 00:00 to 30/11/2026 23:59:59.999 in Hồ Chí Minh (flows/schedule.yaml, annual)
const FROM = new Date('2025-11-30T17:00:00Z');
const TO = new Date('2026-11-30T16:59:59.999Z');

describe('the data window of a round is shown in chat', () => {
  it('as a period in the local time zone, none for an ad-hoc round', () => {
    expect(dataWindowText(FROM, TO, ZONE)).toBe('từ ngày 1/12/2025 đến ngày 30/11/2026');
    expect(dataWindowText(null, null, ZONE)).toBeUndefined();
  });

  it('in the reminders units get', () => {
    const at = DateTime.fromISO('2026-11-15T08:00:00', { zone: ZONE });
    const message = unitReminderMessage({
      roundId: 'annual-2026',
      roundTitle: 'Báo cáo năm 2026',
      dueAt: DateTime.fromISO('2026-12-09T23:59:59.999', { zone: ZONE }),
      dueDate: DateTime.fromISO('2026-12-10T00:00:00', { zone: ZONE }),
      unitName: 'Chi bộ Khu phố 1',
      progress: { status: 'not_started', answered: 0, total: 21 },
      stageAt: at,
      overdue: false,
      opening: true,
      manual: false,
      dataWindow: dataWindowText(FROM, TO, ZONE),
      buttons: true,
    });
    expect(message.text).toContain('Số liệu báo cáo tính từ ngày 1/12/2025 đến ngày 30/11/2026.');
  });

  it('on the secretariat’s board', () => {
    const zero = {
      overdue: 0,
      returned: 0,
      not_started: 0,
      in_progress: 0,
      submitted: 0,
      accepted: 0,
      exempt: 0,
    };
    const board: StatusBoard = {
      round: {
        id: 'annual-2026',
        title: 'Báo cáo năm 2026',
        dueAt: new Date('2026-12-09T16:59:59.999Z'),
        dueLabel: 'trước ngày 10/12/2026',
        dataFrom: FROM,
        dataTo: TO,
      },
      at: new Date('2026-12-01T03:00:00Z'),
      rows: [],
      totals: { ...zero, targets: 0, finished: 0 },
    };
    expect(formatStatusBoardText(board, 4000, ZONE)[0]).toContain(
      'Kỳ số liệu: từ ngày 1/12/2025 đến ngày 30/11/2026.',
    );
  });
});
