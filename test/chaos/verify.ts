/**
 * The figures, from the store (read with the MongoDB driver, as any tool would read it) and from
 * the fake API's record of what reached each chat; never from the product's own account.
 */
import { MongoClient } from 'mongodb';
import type { Inbox } from './inbox';
import type { ReminderPhase } from './reminders';
import type { AnswerPhase } from './scenarios';

export interface AnswerFigures {
  name: string;
  attacks: string;
  contacts: number;
  /** Answers typed (one per question reached). */
  sent: number;
  /** Answers the bot followed with the next step. */
  acknowledged: number;
  /** Answers in the store with the value typed. */
  stored: number;
  /** Answers typed but not in the store with their value. */
  lost: number;
  /** Answers saved more than once (audit events or revisions). */
  appliedTwice: number;
  /** Acknowledged answers not in the store: the worst kind of lost. */
  acknowledgedLost: number;
  submitsSent: number;
  submitsStored: number;
  submitsTwice: number;
  /** Messages of the contacts the bot never replied to. */
  withoutReply: number;
  apologies: number;
  /** Replies that were not the next step (the contact typed the same thing again). */
  outOfStep: number;
  /** "dv-003: <the bot's reply to 1>" for each report not in the store as submitted. */
  notSubmitted: string[];
}

export interface ReminderFigures {
  passes: number;
  kills: number;
  expected: number;
  /** Recipients who got exactly one reminder. */
  sentOnce: number;
  duplicated: number;
  /** Recipients who got none and whose claim the store does not mark as cut off mid-send. */
  lost: number;
  /** Recipients whose reminder was in flight at a kill (claim closed as interrupted, not resent). */
  inFlight: number;
  /** …of which the fake API did receive the message. */
  inFlightArrived: number;
}

type Doc = Record<string, unknown>;

export class StoreReader {
  private constructor(
    private readonly client: MongoClient,
    private readonly dbName: string,
  ) {}

  static async open(uri: string, dbName: string): Promise<StoreReader> {
    return new StoreReader(await MongoClient.connect(uri, { serverSelectionTimeoutMS: 30_000 }), dbName);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private find(collection: string, filter: Doc): Promise<Doc[]> {
    return this.client.db(this.dbName).collection<Doc>(collection).find(filter).toArray();
  }

  async answerFigures(phase: AnswerPhase): Promise<AnswerFigures> {
    const f: AnswerFigures = {
      name: phase.name,
      attacks: phase.attacks,
      contacts: phase.records.length,
      sent: 0,
      acknowledged: 0,
      stored: 0,
      lost: 0,
      appliedTwice: 0,
      acknowledgedLost: 0,
      submitsSent: 0,
      submitsStored: 0,
      submitsTwice: 0,
      withoutReply: 0,
      apologies: 0,
      outOfStep: 0,
      notSubmitted: [],
    };
    for (const record of phase.records) {
      const unit = record.contact.unitCode;
      const ofUnit = { $regex: `:${unit}$` };
      const answers = new Map(
        (await this.find('answers', { submissionId: ofUnit })).map((a) => [String(a.questionId), a]),
      );
      const saved = new Map<string, number>();
      for (const event of await this.find('audit_events', { unitCode: unit, action: 'answer.saved' })) {
        const questionId = String((event.details as Doc | undefined)?.questionId);
        saved.set(questionId, (saved.get(questionId) ?? 0) + 1);
      }
      for (const answer of record.answers) {
        const questionId = `so_${String(answer.question).padStart(3, '0')}`;
        const stored = answers.get(questionId);
        const ok = stored !== undefined && Number(stored.value) === answer.value;
        f.sent++;
        if (answer.acknowledged) f.acknowledged++;
        if (ok) f.stored++;
        else {
          f.lost++;
          if (answer.acknowledged) f.acknowledgedLost++;
        }
        if ((saved.get(questionId) ?? 0) > 1 || Number(stored?.revision ?? 1) > 1) f.appliedTwice++;
      }
      const submissions = await this.find('submissions', { _id: ofUnit });
      const submits = await this.find('audit_events', { unitCode: unit, action: 'submission.submitted' });
      if (record.answers.length > 0 && record.answers.every((a) => a.acknowledged)) f.submitsSent++;
      if (submissions.some((s) => s.status === 'submitted')) f.submitsStored++;
      else
        f.notSubmitted.push(`${phase.name}: ${unit}: ${JSON.stringify(record.submitReply?.slice(0, 160))}`);
      if (submits.length > 1) f.submitsTwice++;
      f.withoutReply += record.unanswered;
      f.apologies += record.apologies;
      f.outOfStep += record.outOfStep.length;
    }
    return f;
  }

  async reminderFigures(phase: ReminderPhase, inbox: Inbox): Promise<ReminderFigures> {
    const f: ReminderFigures = {
      passes: phase.passes,
      kills: phase.kills,
      expected: 0,
      sentOnce: 0,
      duplicated: 0,
      lost: 0,
      inFlight: 0,
      inFlightArrived: 0,
    };
    for (const contact of phase.recipients) {
      const submitted = (await this.find('submissions', { _id: { $regex: `:${contact.unitCode}$` } })).some(
        (s) => s.status === 'submitted',
      );
      if (submitted) continue;
      f.expected++;
      const received = inbox.since(contact.user.id, phase.before.get(contact.user.id) ?? 0).length;
      const claims = await this.find('reminder_ledger', { unitCode: contact.unitCode });
      const interrupted = claims.some((c) => c.status === 'pending' || /interrupt/i.test(String(c.error)));
      if (interrupted) {
        f.inFlight++;
        if (received > 0) f.inFlightArrived++;
        if (received > 1) f.duplicated++;
        continue;
      }
      if (received === 1) f.sentOnce++;
      else if (received === 0) f.lost++;
      else f.duplicated++;
    }
    return f;
  }
}
