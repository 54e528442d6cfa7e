import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createConversation } from '../../../src/conversation/conversation';
import type { ChannelSender, Inbound, Outbound, Platform } from '../../../src/conversation/messages';
import type { UnitKind } from '../../../src/domain/unit-kinds';
import { type FlowCatalog, loadFlows } from '../../../src/engine';
import { createIdentityService } from '../../../src/features/contacts/identity';
import { createExportService, type ExportService } from '../../../src/features/exports/export-service';
import { createReportFeature } from '../../../src/features/report/chat/report-feature';
import { createReportService, type ReportService } from '../../../src/features/report/report-service';
import {
  createSecretariatFeature,
  type SecretariatFeatureDeps,
} from '../../../src/features/secretariat/chat/secretariat-feature';
import { createSubmittedNotifier } from '../../../src/features/secretariat/chat/secretariat-notify';
import type { Logger } from '../../../src/logger';
import { createAttachmentStore } from '../../../src/store/attachment-store';
import type { Store } from '../../../src/store/connect';
import type { ContactDoc, RoundDoc } from '../../../src/store/models';
import type { Repositories } from '../../../src/store/repositories';
import { submissionId } from '../../../src/store/repositories';
import { openTestStore, silentLogger } from '../../support/store';

export const ZONE = 'Asia/Ho_Chi_Minh';
export const ORGANISATION = {
  place: 'Hồng An',
  superiorBody: 'ĐẢNG BỘ THÀNH PHỐ MẪU',
  issuingBody: 'ĐẢNG ỦY PHƯỜNG HỒNG AN',
  unitSuperiorBody: 'ĐẢNG BỘ PHƯỜNG HỒNG AN',
  signerOnBehalf: 'T/M BAN THƯỜNG VỤ',
  signerTitle: 'PHÓ BÍ THƯ',
  signerName: 'Nguyễn Văn A',
};

export const UNITS: { code: string; name: string; kind: UnitKind }[] = [
  { code: 'ubnd', name: 'Ủy ban nhân dân phường', kind: 'chinh-quyen' },
  { code: 'kp1', name: 'Chi bộ Khu phố 1', kind: 'to-chuc-dang' },
  { code: 'kp2', name: 'Chi bộ Khu phố 2', kind: 'to-chuc-dang' },
  { code: 'mttq', name: 'Ủy ban MTTQ Việt Nam phường', kind: 'mat-tran' },
];

/** User ids: the secretariat member, and one contact per unit (`u-<code>`). */
export const SECRETARIAT = '900';

/**
 * The conversation as the app builds it (report journey + secretariat tools) on the real store,
 * with a recording sender for notifications and a clock the test moves.
 */
export class Harness {
  clock = DateTime.fromISO('2026-11-20T09:00:00', { zone: ZONE });
  notifications: { chatId: string; message: Outbound }[] = [];
  remindCalls: { roundId: string; actorId: string }[] = [];
  private updateId = 0;

  private constructor(
    readonly store: Store & { dropAndClose(): Promise<void> },
    readonly flows: FlowCatalog,
    readonly exports: ExportService,
    readonly conversation: ReturnType<typeof createConversation>,
    readonly dataDir: string,
  ) {}

  /**
   * `senders`: real channels instead of the recording sender (filled once the channel has started);
   * `options.logger`: the conversation's logger (to read what it logs); `options.reports`: wraps the
   * report service the report journey uses.
   */
  static async open(
    overrides: Partial<SecretariatFeatureDeps> = {},
    senders?: Map<Platform, ChannelSender>,
    options: { logger?: Logger; reports?: (service: ReportService) => ReportService } = {},
  ): Promise<Harness> {
    const store = await openTestStore();
    const flows = await loadFlows(path.resolve(__dirname, '../../../flows'));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'secretariat-'));
    const holder: { harness?: Harness } = {};
    const now = () => holder.harness!.clock;
    const sender: ChannelSender = {
      platform: 'telegram',
      maxTextLength: 4096,
      buttons: true,
      send: async (chatId, message) => {
        holder.harness!.notifications.push({ chatId, message });
      },
    };
    const repos = store.repos;
    const identity = createIdentityService({ repos, now, secretariatIds: { telegram: [SECRETARIAT] } });
    const service = createReportService({ repos, flows, logger: silentLogger, now });
    const reports = options.reports ? options.reports(service) : service;
    const attachments = createAttachmentStore(dataDir);
    const exports = createExportService({ repos, flows, organisation: ORGANISATION });
    const channels = senders ?? new Map<Platform, ChannelSender>([['telegram', sender]]);
    const secretariat = createSecretariatFeature({
      repos,
      flows,
      exports,
      attachments,
      senders: channels,
      logger: silentLogger,
      timeZone: ZONE,
      inviteTtlDays: 14,
      telegramUsername: () => 'phuong_hong_an_bot',
      remindNow: async (roundId, _at, actorId) => {
        holder.harness!.remindCalls.push({ roundId, actorId });
        return { sent: [1, 2], failed: [], quietHours: false };
      },
      ...overrides,
    });
    const reportFeature = createReportFeature({
      repos,
      reports,
      attachments,
      maxAttachmentBytes: 20 * 1024 * 1024,
      timeZone: ZONE,
      onSubmitted: createSubmittedNotifier({
        repos,
        senders: channels,
        logger: silentLogger,
        timeZone: ZONE,
      }),
    });
    const conversation = createConversation({
      repos,
      identity,
      features: [reportFeature, secretariat],
      logger: options.logger ?? silentLogger,
      now,
      hasButtons: (platform) => channels.get(platform)?.buttons ?? true,
    });
    const harness = new Harness(store, flows, exports, conversation, dataDir);
    holder.harness = harness;
    return harness;
  }

  get repos() {
    return this.store.repos;
  }

  at(iso: string): void {
    this.clock = DateTime.fromISO(iso, { zone: ZONE });
  }

  async seedUnits(): Promise<void> {
    await this.repos.units.upsertMany(UNITS.map((u, order) => ({ ...u, order })));
    for (const unit of UNITS) await this.addContact(`u-${unit.code}`, unit.code);
  }

  addContact(userId: string, unitCode: string | null, role: ContactDoc['role'] = 'contact') {
    return this.repos.contacts.link({
      platform: 'telegram',
      userId,
      chatId: userId,
      displayName: `Người ${userId}`,
      unitCode,
      role,
    });
  }

  /** The annual round of 2026 (main flow), open, due at the end of 9/12/2026. */
  async annualRound(): Promise<RoundDoc> {
    const { round } = await this.repos.rounds.ensure({
      _id: 'annual-2026',
      kind: 'annual',
      year: 2026,
      title: 'Báo cáo năm 2026',
      flowId: 'bao-cao-dan-chu-co-so',
      sections: [],
      opensAt: new Date('2026-11-01T00:00:00+07:00'),
      dueAt: new Date('2026-12-09T23:59:59.999+07:00'),
      dueLabel: 'trước ngày 10/12/2026',
      dataFrom: null,
      dataTo: null,
      targetKinds: ['chinh-quyen', 'to-chuc-dang', 'mat-tran'],
      targetUnitCodes: [],
      exemptUnitCodes: [],
      reminderPlan: [],
      request: null,
      createdBy: 'system',
    });
    return round;
  }

  private inbound(userId: string, content: Inbound['content']): Inbound {
    this.updateId++;
    return {
      platform: 'telegram',
      updateId: String(this.updateId),
      userId,
      chatId: userId,
      displayName: `Người ${userId}`,
      content,
    };
  }

  /** A typed message; "/cmd args" becomes a command as the Telegram adapter makes it. */
  send(userId: string, text: string): Promise<Outbound[]> {
    const command = /^\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(text.trim());
    const content: Inbound['content'] = command
      ? { type: 'command', command: command[1]!.toLowerCase(), args: command[2] ?? '' }
      : { type: 'text', text };
    return this.conversation.handle(this.inbound(userId, content), 4096);
  }

  sendFile(userId: string, name: string, bytes: Buffer): Promise<Outbound[]> {
    const file = {
      kind: 'document' as const,
      fileId: `file-${name}`,
      name,
      size: bytes.length,
      mimeType: 'application/pdf',
      download: async () => bytes,
    };
    return this.conversation.handle(this.inbound(userId, { type: 'file', file }), 4096);
  }

  press(userId: string, data: string): Promise<Outbound[]> {
    return this.conversation.handle(this.inbound(userId, { type: 'button', data }), 4096);
  }

  notificationsTo(chatId: string): Outbound[] {
    return this.notifications.filter((n) => n.chatId === chatId).map((n) => n.message);
  }

  async close(): Promise<void> {
    await this.store.dropAndClose();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function texts(replies: Outbound[]): string {
  return replies.map((r) => r.text).join('\n---\n');
}

export function buttonData(replies: Outbound[]): string[] {
  return replies.flatMap((r) => (r.buttons ?? []).flat().map((b) => b.data));
}

/** Writes a submitted report straight into the store, as report-service.submit leaves it. */
export async function seedSubmitted(
  repos: Repositories,
  roundId: string,
  unitCode: string,
  answers: Record<string, unknown>,
  at: Date,
  version = 1,
): Promise<void> {
  const id = submissionId(roundId, unitCode);
  await repos.submissions.ensure({
    roundId,
    unitCode,
    flowId: 'bao-cao-dan-chu-co-so',
    flowVersion: 1,
    totalCount: 20,
  });
  for (const [questionId, value] of Object.entries(answers)) {
    await repos.answers.save({
      submissionId: id,
      questionId,
      value,
      by: `telegram:u-${unitCode}`,
      channel: 'telegram',
      at,
    });
  }
  await repos.answers.freezeVersion({
    submissionId: id,
    roundId,
    unitCode,
    version,
    flowId: 'bao-cao-dan-chu-co-so',
    flowVersion: 1,
    answers: Object.entries(answers).map(([questionId, value]) => ({ questionId, value, by: 'x', at })),
    receiptNo: `${roundId}-${unitCode}-${version}`.toUpperCase(),
    submittedBy: `telegram:u-${unitCode}`,
    channel: 'telegram',
    submittedAt: at,
  });
  await repos.submissions.update(id, () => ({
    status: 'submitted',
    version,
    receiptNo: `${roundId}-${unitCode}-${version}`.toUpperCase(),
    submittedAt: at,
    answeredCount: Object.keys(answers).length,
  }));
}
