import { createHash, randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';
import { CALLBACKS } from '../../conversation/callbacks';
import { UNIT_KINDS, type UnitKind } from '../../domain/unit-kinds';
import type { FlowCatalog } from '../../engine';
import { AD_HOC_KIND, DEFAULT_AD_HOC_REMINDER_PLAN, formatDeadline } from '../../scheduler';
import type { ContactDoc, RoundDoc, UnitDoc } from '../../store/models';
import type { Repositories } from '../../store/repositories';
import { ensureEmptySubmission } from '../rounds/empty-submission';
import type { UnitNotifier } from '../secretariat/chat/secretariat-notify';
import { sv } from '../secretariat/chat/secretariat-texts';

export type AdHocTargets =
  | { mode: 'all' }
  | { mode: 'kinds'; kinds: UnitKind[] }
  | { mode: 'units'; unitCodes: string[] };

export interface AdHocRequestInput {
  title: string;
  instructions: string;
  flowId: string;
  /** Sections of the main outline; empty = the whole flow. */
  sections: string[];
  targets: AdHocTargets;
  dueAt: DateTime;
  /** The platform update that confirmed the request: makes its round id the same if handled again. */
  requestKey?: string;
}

export interface AdHocRequestDeps {
  repos: Repositories;
  flows: FlowCatalog;
  notifier: UnitNotifier;
  timeZone: string;
  /** Stage names of the ad-hoc reminder plan (the schedule's, else the default). */
  reminderPlan?: readonly string[];
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `dot-xuat-20261126-k3f9`: the date it was requested, and a suffix so two requests a day never
 * clash. With `requestKey` (the update that confirmed the request) the suffix is derived from it,
 * so an update handled again after a crash ensures the same round instead of creating a second.
 */
export function adHocRoundId(now: DateTime, timeZone: string, requestKey?: string): string {
  const bytes = requestKey === undefined ? randomBytes(4) : createHash('sha256').update(requestKey).digest();
  const suffix = Array.from(bytes.subarray(0, 4), (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${AD_HOC_KIND}-${now.setZone(timeZone).toFormat('yyyyLLdd')}-${suffix}`;
}

/** The active units a request targets. */
export function resolveTargets(units: UnitDoc[], targets: AdHocTargets): UnitDoc[] {
  const active = units.filter((unit) => unit.active);
  switch (targets.mode) {
    case 'all':
      return active;
    case 'kinds':
      return active.filter((unit) => targets.kinds.includes(unit.kind));
    case 'units':
      return active.filter((unit) => targets.unitCodes.includes(unit._id));
  }
}

/** Creating an ad-hoc request: the round, a submission per target unit, and the units told at once. */
export function createAdHocRequests(deps: AdHocRequestDeps) {
  const { repos } = deps;

  async function create(
    input: AdHocRequestInput,
    actor: ContactDoc,
    now: DateTime,
  ): Promise<{ round: RoundDoc; targets: UnitDoc[]; reached: number }> {
    const flow = deps.flows.require(input.flowId);
    const targets = resolveTargets(await repos.units.list(), input.targets);
    const dueAt = input.dueAt.setZone(deps.timeZone);
    const { round } = await repos.rounds.ensure({
      _id: adHocRoundId(now, deps.timeZone, input.requestKey),
      kind: AD_HOC_KIND,
      year: dueAt.year,
      title: input.title,
      flowId: flow.id,
      sections: input.sections,
      opensAt: now.toJSDate(),
      dueAt: dueAt.toJSDate(),
      dueLabel: formatDeadline(dueAt, { weekday: false }),
      dataFrom: null,
      dataTo: null,
      targetKinds:
        input.targets.mode === 'kinds'
          ? input.targets.kinds
          : input.targets.mode === 'all'
            ? [...UNIT_KINDS]
            : [],
      targetUnitCodes: input.targets.mode === 'units' ? targets.map((unit) => unit._id) : [],
      exemptUnitCodes: [],
      reminderPlan: [...(deps.reminderPlan ?? DEFAULT_AD_HOC_REMINDER_PLAN.map((stage) => stage.name))],
      request: { title: input.title, instructions: input.instructions },
      createdBy: actor._id,
    });
    for (const unit of targets) await ensureEmptySubmission(repos, flow, round, unit);
    const at = now.toJSDate();
    await repos.audit.record({
      at,
      actor: actor._id,
      channel: actor.platform,
      action: 'request.created',
      roundId: round._id,
      details: {
        title: input.title,
        flowId: flow.id,
        sections: input.sections,
        targets: targets.map((unit) => unit._id),
        dueAt: dueAt.toISO(),
      },
    });
    const reached = await deps.notifier.notifyUnits(
      targets.map((unit) => unit._id),
      (buttons) => ({
        text: requestNotice(round, input.instructions, formatDeadline(dueAt), buttons),
        buttons: [[{ label: sv.buttons.start, data: CALLBACKS.chooseRound.encode({ roundId: round._id }) }]],
      }),
      at,
    );
    return { round, targets, reached };
  }

  return { create };
}

/** `buttons`: the recipient's platform shows buttons; without them (Zalo) only the command is named. */
export function requestNotice(
  round: RoundDoc,
  instructions: string,
  deadline: string,
  buttons: boolean,
): string {
  return [
    '📢 YÊU CẦU BÁO CÁO ĐỘT XUẤT của Ban Thường vụ Đảng ủy (qua Ban Xây dựng Đảng)',
    '',
    round.title,
    ...(instructions ? ['', instructions] : []),
    '',
    `Hạn nộp: ${deadline}.`,
    `Đồng chí ${buttons ? 'bấm "Bắt đầu báo cáo" hoặc gõ' : 'gõ'} /baocao để trả lời.`,
  ].join('\n');
}

export type AdHocRequests = ReturnType<typeof createAdHocRequests>;
