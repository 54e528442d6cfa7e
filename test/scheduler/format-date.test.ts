import './tz-utc';
import { DateTime } from 'luxon';
import { formatDateTimeVi, formatDateVi, formatDeadline, weekdayVi } from '../../src/scheduler/format-date';
import { at } from './fixtures';

const HCM = 'Asia/Ho_Chi_Minh';

describe('weekdayVi', () => {
  // 7–13 December 2026 is Monday to Sunday.
  test.each([
    ['2026-12-07', 'thứ Hai', 'Thứ Hai'],
    ['2026-12-08', 'thứ Ba', 'Thứ Ba'],
    ['2026-12-09', 'thứ Tư', 'Thứ Tư'],
    ['2026-12-10', 'thứ Năm', 'Thứ Năm'],
    ['2026-12-11', 'thứ Sáu', 'Thứ Sáu'],
    ['2026-12-12', 'thứ Bảy', 'Thứ Bảy'],
    ['2026-12-13', 'Chủ nhật', 'Chủ nhật'],
  ])('%s is %s', (date, midSentence, capitalized) => {
    const dt = DateTime.fromISO(date, { zone: HCM });
    expect(weekdayVi(dt)).toBe(midSentence);
    expect(weekdayVi(dt, { capitalized: true })).toBe(capitalized);
  });

  test('uses the date in the DateTime’s own zone, not the machine’s (UTC here)', () => {
    // 2026-12-09T23:30+07:00 is still Wednesday 9/12 locally although it is 16:30Z.
    expect(weekdayVi(at('2026-12-09T23:30:00+07:00'))).toBe('thứ Tư');
    // 00:30 local on Thursday 10/12 is Wednesday 9/12 in UTC; the local day wins.
    expect(weekdayVi(at('2026-12-10T00:30:00+07:00'))).toBe('thứ Năm');
  });
});

describe('formatDeadline', () => {
  test.each([
    // End of day: the last day on which a report is on time is named, with its weekday.
    ['2026-12-09T23:59:59.999+07:00', 'hết ngày 9/12/2026 (thứ Tư)'],
    ['2027-06-09T23:59:59.999+07:00', 'hết ngày 9/6/2027 (thứ Tư)'],
    // Weekend last days keep their date; the weekday says it. 9/12/2028 is a Saturday.
    ['2028-12-09T23:59:59.999+07:00', 'hết ngày 9/12/2028 (thứ Bảy)'],
    ['2029-12-09T23:59:59.999+07:00', 'hết ngày 9/12/2029 (Chủ nhật)'],
    // An ad-hoc date typed without a time (05/12/2026) is stored as the end of that day: 5/12, not 6/12.
    ['2026-12-05T23:59:59.999+07:00', 'hết ngày 5/12/2026 (thứ Bảy)'],
    // Start of a day is the end of the day before.
    ['2026-12-10T00:00:00.000+07:00', 'hết ngày 9/12/2026 (thứ Tư)'],
    // Ad-hoc deadline at a time of day, on the 2028 leap day (a Tuesday).
    ['2028-02-29T17:00:00.000+07:00', 'trước 17:00 ngày 29/2/2028 (thứ Ba)'],
  ])('%s → %s', (instant, text) => {
    expect(formatDeadline(at(instant))).toBe(text);
  });

  test('without weekday gives the stored label', () => {
    expect(formatDeadline(at('2026-12-09T23:59:59.999+07:00'), { weekday: false })).toBe(
      'hết ngày 9/12/2026',
    );
  });
});

describe('formatDateVi / formatDateTimeVi', () => {
  test('day and month are not zero-padded; time is', () => {
    const dt = at('2026-12-02T08:05:00+07:00');
    expect(formatDateVi(dt)).toBe('2/12/2026');
    expect(formatDateVi(dt, { weekday: true })).toBe('thứ Tư, 2/12/2026');
    expect(formatDateTimeVi(dt)).toBe('08:05 ngày 2/12/2026');
    expect(formatDateTimeVi(dt, { weekday: true })).toBe('08:05 thứ Tư, 2/12/2026');
  });

  test('a UTC instant is shown in the zone it is given in', () => {
    const utc = at('2026-12-09T17:30:00Z');
    expect(formatDateTimeVi(utc.setZone(HCM))).toBe('00:30 ngày 10/12/2026');
    expect(formatDateTimeVi(utc)).toBe('17:30 ngày 9/12/2026');
  });
});
