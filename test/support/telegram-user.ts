import type { App } from '../../src/app';
import type { Flow, Question } from '../../src/engine';
import { parseEngineState } from '../../src/engine';
import type { FakeTelegramApi } from './fake-telegram-api';

/**
 * A person in a private Telegram chat with the bot: sends messages through the fake Bot API and
 * waits for the bot's replies, as a real user would.
 */
export class TelegramUser {
  constructor(
    private readonly telegram: FakeTelegramApi,
    readonly id: number,
    readonly firstName: string,
  ) {}

  private get from() {
    return { id: this.id, first_name: this.firstName };
  }

  replies(): string[] {
    return this.telegram.sentMessages(this.id).map((message) => String(message.text));
  }

  lastReply(): string {
    return this.replies().at(-1) ?? '';
  }

  /** Sends a text and waits until the bot has answered with at least `expected` messages. */
  async say(text: string, expected = 1): Promise<string[]> {
    const before = this.replies().length;
    this.telegram.sendText(this.from, text);
    await this.telegram.waitForMessages(this.id, before + expected, 10_000);
    await settle();
    return this.replies().slice(before);
  }

  async press(data: string, expected = 1): Promise<string[]> {
    const before = this.replies().length;
    this.telegram.pressButton(this.from, data);
    await this.telegram.waitForMessages(this.id, before + expected, 10_000);
    await settle();
    return this.replies().slice(before);
  }

  async sendDocument(
    file: { file_id: string; file_name: string; mime_type: string; bytes: Buffer },
    expected = 1,
  ) {
    const before = this.replies().length;
    this.telegram.addFile(file.file_id, file.bytes);
    this.telegram.sendDocument(this.from, { ...file, file_size: file.bytes.length });
    await this.telegram.waitForMessages(this.id, before + expected, 10_000);
    await settle();
    return this.replies().slice(before);
  }

  /** Buttons of the bot's last message, as [label, data] pairs. */
  lastButtons(): [string, string][] {
    const message = this.telegram.sentMessages(this.id).at(-1);
    const markup = message?.reply_markup as
      | { inline_keyboard?: { text: string; callback_data: string }[][] }
      | undefined;
    return (markup?.inline_keyboard ?? []).flat().map((button) => [button.text, button.callback_data]);
  }
}

/** Lets the bot finish persisting the session after its reply went out. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 30));
}

/** The question the user's chat is on, read from the stored engine state. */
export async function currentQuestion(app: App, flow: Flow, chatId: number): Promise<Question | undefined> {
  const session = await app.store.repos.sessions.get(`telegram:${chatId}`);
  const state = parseEngineState(session?.engine);
  if (state?.mode !== 'answering') return undefined;
  return flow.sections
    .flatMap((section) => section.questions)
    .find((question) => question.id === state.questionId);
}

/**
 * Answers every question until the flow is done, mixing typed answers and pressed buttons.
 * Returns the ids of the questions it answered, in order.
 */
export async function answerWholeReport(
  app: App,
  flow: Flow,
  user: TelegramUser,
  maxSteps = 200,
): Promise<string[]> {
  const answered: string[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const question = await currentQuestion(app, flow, user.id);
    if (!question) return answered;
    answered.push(question.id);
    switch (question.type) {
      case 'text':
        await user.say(`Nội dung trả lời câu ${question.id}: đơn vị đã thực hiện nghiêm túc, đúng quy định.`);
        await user.press(`f:x:${question.id}`);
        break;
      case 'number':
        await user.say(answered.length % 2 === 0 ? '1.200' : '3');
        break;
      case 'choice':
        await user.press(`f:a:${question.id}:1`);
        break;
      case 'multi':
        await user.say('1, 2');
        if ((await currentQuestion(app, flow, user.id))?.id === question.id) await user.say('xong');
        break;
      case 'yesno':
        await user.say(answered.length % 2 === 0 ? 'có' : 'Không');
        break;
      case 'date':
        await user.say('15/11/2026');
        break;
      case 'attachment':
        if (question.required) {
          await user.sendDocument({
            file_id: `file-${question.id}`,
            file_name: 'ke-hoach.pdf',
            mime_type: 'application/pdf',
            bytes: Buffer.from('%PDF-1.4 kế hoạch'),
          });
          await user.say('xong');
        } else {
          await user.say('bỏ qua');
        }
        break;
    }
  }
  throw new Error(`report not finished after ${maxSteps} steps`);
}
