// Imported first by every scheduler test: the machine zone is UTC (far from Asia/Ho_Chi_Minh),
// so any instant computed in the machine's zone instead of the schedule's would show up.
process.env.TZ = 'UTC';

export {};
