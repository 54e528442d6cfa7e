/**
 * One contact's report as a person would make it: answers every question with a number of its
 * own (so the store can be checked answer by answer), waiting for the bot's next question before
 * typing again, then `/nop` and `1`. A reply may come from a bot started again after a kill: the
 * contact just waits (the update is still at the fake API, unconfirmed, or being redelivered).
 */
import { questionAsked } from '../../bench/support/chat';
import type { FakeTelegramApi, FakeUser } from '../support/fake-telegram-api';
import type { Inbox } from './inbox';

export const QUESTIONS = 12;
const APOLOGY = 'Xin lỗi, bot gặp sự cố';
/** Replies that take no answer: no report open for the unit (e.g. exempted meanwhile). */
/** Replies that refuse an answer (the unit exempted or the round closed meanwhile): not an acknowledgement. */
const REFUSAL = /không có đợt báo cáo nào đang mở|chưa mở báo cáo nào|không còn nhận câu trả lời/;
/** Once the bot replied something, how long the expected reply may still take (a restart included). */
const OUT_OF_STEP_MS = 15_000;

export interface Contact {
  user: FakeUser;
  unitCode: string;
  /** The question the bot asks this contact now. */
  asked: number;
}

export interface SentAnswer {
  question: number;
  value: number;
  /** The bot answered with the next step. */
  acknowledged: boolean;
}

export interface JourneyRecord {
  contact: Contact;
  answers: SentAnswer[];
  /** Messages (answers, /nop, 1) the contact sent; retypes after an apology included. */
  updates: number;
  /** Messages the bot never replied to within the timeout (the contact then gives up). */
  unanswered: number;
  /** What those messages said ("/nop", "1204", …), for the report. */
  missing: string[];
  /** Replies that were not the next step ("'/nop' → 'the reply'"); the contact typed it again. */
  outOfStep: string[];
  /** Apologies ("Xin lỗi, bot gặp sự cố"): the contact typed the same thing again. */
  apologies: number;
  submitted: boolean;
  /** The bot's reply to `1` (or to `/nop` if it went no further), for the report. */
  submitReply: string | undefined;
}

/** The value contact `chatId` gives to question `question`: unique per contact and question. */
export function answerValue(chatId: number, question: number): number {
  return (chatId % 100_000) * 100 + question;
}

export async function journey(options: {
  api: FakeTelegramApi;
  inbox: Inbox;
  contact: Contact;
  replyTimeoutMs: number;
  /** Called with every update the contact sends (the redelivery scenario copies it). */
  onSent?: (updateId: number) => void;
}): Promise<JourneyRecord> {
  const { api, inbox, contact } = options;
  const chatId = contact.user.id;
  const record: JourneyRecord = {
    contact,
    answers: [],
    updates: 0,
    unanswered: 0,
    missing: [],
    outOfStep: [],
    apologies: 0,
    submitted: false,
    submitReply: undefined,
  };

  /**
   * Sends `text` until a reply `accept`s it (3 tries at most) and returns that reply, or
   * undefined. No message at all within the timeout: unanswered, the contact gives up. Some
   * reply but not the expected one within 15 s of it (e.g. the bot showed where the contact is
   * after a restart): out of step, and the contact types the same thing again, as people do.
   */
  const say = async (text: string, accept: (reply: string) => boolean) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const from = inbox.count(chatId);
      record.updates++;
      // Not inside `onSent?.(…)`: an optional call would skip sending when there is no hook.
      const updateId = api.sendText(contact.user, text);
      options.onSent?.(updateId);
      const expected = (t: string) => t.includes(APOLOGY) || accept(t);
      const first = await inbox.waitFor(chatId, from, () => true, options.replyTimeoutMs);
      if (first === undefined) {
        record.unanswered++;
        record.missing.push(text);
        return undefined;
      }
      const reply = await inbox.waitFor(chatId, from, expected, OUT_OF_STEP_MS);
      if (reply === undefined) {
        const got = inbox.since(chatId, from);
        record.outOfStep.push(`'${text}' → ${JSON.stringify(got.at(-1)?.slice(0, 100))}`);
        continue;
      }
      if (!reply.includes(APOLOGY)) return reply;
      record.apologies++;
    }
    return undefined;
  };

  for (let question = contact.asked; question <= QUESTIONS; question++) {
    const value = answerValue(chatId, question);
    // The reply to an answer asks a later question; to the last answer, something else (a
    // duplicate's late reply asking an earlier question is not mistaken for it).
    const reply = await say(String(value), (t) => {
      const asked = questionAsked(t);
      if (question < QUESTIONS) return asked !== undefined && asked > question;
      // After the last answer: anything but a refusal (e.g. the unit exempted by the CLI just
      // then: the answer was not taken, and the contact types it again).
      return asked === undefined && !REFUSAL.test(t);
    });
    record.answers.push({ question, value, acknowledged: reply !== undefined });
    if (reply === undefined) return record;
    contact.asked = question + 1;
  }
  // If the bot forgot the confirmation across a restart ('1' then answered with the review), the
  // contact starts the submission over with /nop, as the review tells them to.
  for (let round = 0; round < 3 && !record.submitted; round++) {
    const confirm = await say('/nop', (t) => /Nộp .*\?|đã được nộp|Đã nộp báo cáo/.test(t));
    record.submitReply = confirm;
    if (confirm === undefined) return record;
    if (/đã được nộp|Đã nộp báo cáo/.test(confirm)) {
      record.submitted = true;
      break;
    }
    const done = await say('1', (t) => /Đã nộp báo cáo|đã được nộp|Chưa thể nộp/.test(t));
    record.submitReply = done;
    record.submitted = done !== undefined && !done.includes('Chưa thể nộp');
    if (done === undefined && record.unanswered > 0) return record;
  }
  return record;
}
