/**
 * Report rounds and reminder planning, the pure part: the schedule file, which rounds exist at a
 * given instant, and what is due. Wiring (store, ledger, sending, cron, CLI) lives elsewhere and
 * calls these functions with `now` and the data it read.
 */
export * from './format-date';
export * from './load-schedule';
export * from './plan-reminders';
export * from './round-calendar';
export * from './schedule-schema';
