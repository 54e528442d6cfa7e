import type { FlowCatalog } from '../../engine';
import type { AuditEventDoc, RoundDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { setExemption } from '../rounds/exemptions';
import { dashboardRoundOrder } from '../rounds/round-order';
import { type StatusBoard, statusBoard } from '../rounds/status-board';
import { auditTrail } from './audit-trail';
import { unitReportView } from './unit-report-view';

/** A round and an audit event as the dashboard receives them. */
export type DashboardRound = RoundDoc;
export type DashboardAuditEvent = AuditEventDoc;
export type { AuditTrail } from './audit-trail';
export type { UnitReportView } from './unit-report-view';

/**
 * What the secretariat's dashboard reads and does, bound to the store: the same use cases the
 * chat and the CLI call (the status board, exemptions, the audit trail).
 */
export function createDashboard(deps: { repos: Repositories; flows: FlowCatalog }) {
  const { repos } = deps;
  return {
    /** Every round, what the secretariat works on now first, each with its status board. */
    async rounds(at: Date): Promise<{ round: RoundDoc; board: StatusBoard | null }[]> {
      const rounds = dashboardRoundOrder(await repos.rounds.list(), at);
      return Promise.all(
        rounds.map(async (round) => ({ round, board: await statusBoard(repos, round._id, at) })),
      );
    },

    /** The ad-hoc requests, with their status boards and the names of the units asked. */
    async adhocRequests(
      at: Date,
    ): Promise<{ round: RoundDoc; board: StatusBoard | null; targets: string[] }[]> {
      const [rounds, units] = await Promise.all([repos.rounds.list(), repos.units.list()]);
      const names = new Map(units.map((unit) => [unit._id, unit.name]));
      return Promise.all(
        rounds
          .filter((round) => round.kind === 'dot-xuat')
          .map(async (round) => ({
            round,
            board: await statusBoard(repos, round._id, at),
            targets: round.targetUnitCodes.map((code) => names.get(code) ?? code),
          })),
      );
    },

    /** One round's status board; null when there is no such round. */
    async board(roundId: string, at: Date): Promise<{ round: RoundDoc; board: StatusBoard } | null> {
      const round = await repos.rounds.get(roundId);
      const board = round ? await statusBoard(repos, round._id, at) : null;
      return round && board ? { round, board } : null;
    },

    async unitReport(roundId: string, unitCode: string, at: Date) {
      const round = await repos.rounds.get(roundId);
      const view = round ? await unitReportView(deps, round, unitCode, at) : null;
      return round && view ? { round, view } : null;
    },

    auditTrail: (filter: { roundId: string | null; limit: number }) => auditTrail(repos, filter),

    setExemption: (input: Parameters<typeof setExemption>[1]) => setExemption(repos, input),
  };
}

export type Dashboard = ReturnType<typeof createDashboard>;
