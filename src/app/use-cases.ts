import type { DateTime } from 'luxon';
import type { Config } from '../config/config';
import type { ChannelSender, Platform } from '../conversation/messages';
import type { FlowCatalog } from '../engine';
import { createExportService } from '../features/exports/export-service';
import { createReminderService } from '../features/reminders/reminder-service';
import { createReportService } from '../features/report/report-service';
import { createRoundService } from '../features/rounds/round-service';
import { readUnitDocuments } from '../features/units/units-file';
import type { Logger } from '../logger';
import type { Schedule } from '../scheduler';
import type { Store } from '../store/connect';

/** What the use cases are built from: the store, the data files and the senders of every platform. */
export interface CoreDeps {
  config: Config;
  logger: Logger;
  now: () => DateTime;
  store: Store;
  flows: FlowCatalog;
  schedule: Schedule;
  senders: ReadonlyMap<Platform, ChannelSender>;
}

/** The use cases the chat, the dashboard and the scheduler call: no platform, no texts. */
export function createUseCases(deps: CoreDeps) {
  const { config, logger, now, flows, schedule, senders } = deps;
  const { repos } = deps.store;
  const rounds = createRoundService({ repos, flows, schedule, logger });
  const reports = createReportService({ repos, flows, logger, now });
  const exports = createExportService({
    repos,
    flows,
    organisation: config.organisation,
    dataDir: config.dataDir,
    timeZone: config.timeZone,
    unitDocuments: () => readUnitDocuments(config.unitsFile),
  });
  const reminders = createReminderService({
    repos,
    schedule,
    rounds,
    senders,
    logger: logger.child({ service: 'reminders' }),
  });
  return { rounds, reports, exports, reminders };
}

export type UseCases = ReturnType<typeof createUseCases>;
