/**
 * Part (b) of bench/deadline-rush.ts: many contacts answering at once, the night before the
 * deadline. Contacts join through the documented secretariat route (`/donvi <unit>`, button
 * "Tạo mã mời", then `/start <code>` and `/baocao` from the contact), because a CLI invitation
 * per contact costs a Node start each (about 2 s here, minutes for 200).
 */
import type { FakeUser } from '../../test/support/fake-telegram-api';
import { buttonsOf, type Chats, promptOf, questionAsked } from './chat';
import { cpuMs } from './processes';

export const SECRETARY: FakeUser = { id: 7_000_001, first_name: 'Thư ký' };

export interface Contact {
  user: FakeUser;
  unitCode: string;
  /** The question the bot asks this contact now. */
  asked: number;
}

/** Creates one invitation per unit through the secretary's chat and returns the codes. */
async function inviteThroughSecretary(chats: Chats, unitCodes: readonly string[], timeoutMs: number) {
  const codes = new Map<string, string>();
  await chats.say(SECRETARY, '/start', () => true, timeoutMs);
  for (const unitCode of unitCodes) {
    const detail = await chats.say(
      SECRETARY,
      `/donvi ${unitCode}`,
      (_, call) => buttonsOf(call).some(([label]) => /mã mời/i.test(label)),
      timeoutMs,
    );
    const button = buttonsOf(detail.call).find(([label]) => /mã mời/i.test(label));
    if (!button) throw new Error(`/donvi ${unitCode}: no invitation button (${detail.kind}: ${detail.text})`);
    const invitation = await chats.press(SECRETARY, button[1], (text) => /start=\S+/.test(text), timeoutMs);
    const code = /start=([A-Za-z0-9_-]+)/.exec(invitation.text)?.[1];
    if (!code) throw new Error(`no invitation code for ${unitCode} (${invitation.kind}: ${invitation.text})`);
    codes.set(unitCode, code);
  }
  return codes;
}

/**
 * Invitations, then each contact's `/start <code>` and `/baocao` until question 1 is asked, a
 * few contacts at a time (this is set-up, not the rush). Contacts that fail are left out and counted.
 */
export async function setUpContacts(
  chats: Chats,
  unitCodes: readonly string[],
  timeoutMs: number,
  /** Telegram user id of the first contact (the others follow): chats apart from other contacts'. */
  firstUserId = 8_000_001,
): Promise<{ contacts: Contact[]; failed: number }> {
  const codes = await inviteThroughSecretary(chats, unitCodes, timeoutMs);
  const contacts: Contact[] = [];
  let failed = 0;
  const queue = unitCodes.map((unitCode, index) => ({ unitCode, index }));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const user = { id: firstUserId + item.index, first_name: `Người báo cáo ${item.index + 1}` };
      const joined = await chats.say(user, `/start ${codes.get(item.unitCode)}`, () => true, timeoutMs);
      const first =
        joined.kind === 'reply'
          ? await chats.say(user, '/baocao', (text) => text.includes(promptOf(1)), timeoutMs)
          : joined;
      if (first.kind === 'reply') contacts.push({ user, unitCode: item.unitCode, asked: 1 });
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return { contacts, failed };
}

export interface RushResult {
  contacts: number;
  sent: number;
  replies: number;
  apologies: number;
  missing: number;
  /** Replies asking another question than the next one (the bot and the contact disagree). */
  outOfStep: number;
  seconds: number;
  updatesPerSecond: number;
  latenciesMs: number[];
  botCpuMsPerUpdate: number;
  storeCpuMsPerUpdate: number;
}

/**
 * Every contact answers its next `answers` questions as fast as replies come back. No answer is
 * sent after `windowSeconds`; replies already awaited are still waited for (up to the timeout).
 * An apology is an error and the contact types the same answer again (at most 3 times in all); a
 * missing reply is an error and that contact stops.
 */
export async function rush(options: {
  chats: Chats;
  contacts: readonly Contact[];
  answers: number;
  windowSeconds: number;
  replyTimeoutMs: number;
  botPid: number;
  storePid: number;
}): Promise<RushResult> {
  const { chats, contacts } = options;
  const latenciesMs: number[] = [];
  let sent = 0;
  let replies = 0;
  let apologies = 0;
  let missing = 0;
  let outOfStep = 0;
  let lastReplyAt = performance.now();
  const cpuBefore = { bot: cpuMs(options.botPid), store: cpuMs(options.storePid) };
  const started = performance.now();
  const stopSendingAt = started + options.windowSeconds * 1000;

  const answerQuestions = async (contact: Contact) => {
    let answered = 0;
    let retries = 0;
    while (answered < options.answers && performance.now() < stopSendingAt) {
      sent++;
      const reply = await chats.say(
        contact.user,
        String(10 + contact.asked),
        (text) => questionAsked(text) !== undefined,
        options.replyTimeoutMs,
      );
      if (reply.kind === 'timeout') {
        missing++;
        return;
      }
      lastReplyAt = performance.now();
      latenciesMs.push(reply.ms);
      if (reply.kind === 'apology') {
        apologies++;
        if (++retries > 3) return;
        continue;
      }
      replies++;
      answered++;
      const asked = questionAsked(reply.text)!;
      if (asked !== contact.asked + 1) outOfStep++;
      contact.asked = asked;
    }
  };
  await Promise.all(contacts.map(answerQuestions));

  const seconds = (lastReplyAt - started) / 1000;
  const handled = replies + apologies;
  return {
    contacts: contacts.length,
    sent,
    replies,
    apologies,
    missing,
    outOfStep,
    seconds,
    updatesPerSecond: handled / seconds,
    latenciesMs,
    botCpuMsPerUpdate: (cpuMs(options.botPid) - cpuBefore.bot) / sent,
    storeCpuMsPerUpdate: (cpuMs(options.storePid) - cpuBefore.store) / sent,
  };
}
