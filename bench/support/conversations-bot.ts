/**
 * The comparison bot of bench/deadline-rush.ts: the same 100 whole-number questions as
 * bench/flows/deadline-rush/bench-100-so.yaml, asked the idiomatic way with
 * @grammyjs/conversations (one conversation, `conversation.form.int()` per question), its state
 * stored in MongoDB by `_id` (one document per chat) and the finished report saved as one
 * document. Long polling through grammY's runner, one update at a time per chat, as the product.
 *
 * Run as its own process: TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, MONGODB_URI, MONGODB_DB,
 * CONVERSATIONS_STATE (document or json, see StateDoc).
 */
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
  type VersionedState,
} from '@grammyjs/conversations';
import { run, sequentialize } from '@grammyjs/runner';
import { Bot, type Context } from 'grammy';
import { MongoClient } from 'mongodb';
import { benchQuestions } from './bench-flow';

type BotContext = ConversationFlavor<Context>;

/**
 * One document per chat keyed by `_id`, as the product keys its chat state (@grammyjs/storage-mongodb
 * filters on a `key` field instead, which the embedded store never pushes down to SQL). The state
 * is stored as a document, as @grammyjs/storage-mongodb stores it (CONVERSATIONS_STATE=document,
 * the default), or as one JSON string (CONVERSATIONS_STATE=json), which the store copies without
 * decoding it: the cheapest a storage adapter can make it.
 */
interface StateDoc {
  _id: string;
  state: unknown;
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const client = await MongoClient.connect(env('MONGODB_URI'));
  const db = client.db(process.env.MONGODB_DB ?? 'conversations');
  const states = db.collection<StateDoc>('conversation_states');
  const reports = db.collection<{ _id: string; answers: number[]; at: Date }>('reports');
  const prompts = benchQuestions().map((question) => question.prompt);
  const asJson = process.env.CONVERSATIONS_STATE === 'json';

  async function report(conversation: Conversation<BotContext, Context>, ctx: Context) {
    const answers: number[] = [];
    for (const [index, prompt] of prompts.entries()) {
      await ctx.reply(`Câu ${index + 1}/${prompts.length}. ${prompt}`);
      answers.push(
        await conversation.form.int({
          otherwise: (other) => other.reply('Đồng chí nhập một số nguyên, ví dụ 12.'),
        }),
      );
    }
    const chatId = String(ctx.chat?.id);
    await conversation.external(() =>
      reports.replaceOne({ _id: chatId }, { answers, at: new Date() }, { upsert: true }),
    );
    await ctx.reply(`Đã ghi ${answers.length} câu trả lời. Cảm ơn đồng chí.`);
  }

  const bot = new Bot<BotContext>(env('TELEGRAM_BOT_TOKEN'), {
    client: { apiRoot: env('TELEGRAM_API_ROOT') },
  });
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(
    conversations<BotContext, Context>({
      storage: {
        type: 'key',
        adapter: {
          read: async (key) => {
            const doc = await states.findOne({ _id: key });
            if (!doc) return undefined;
            return (asJson ? JSON.parse(String(doc.state)) : doc.state) as VersionedState<never>;
          },
          write: async (key, state) => {
            await states.replaceOne(
              { _id: key },
              { state: asJson ? JSON.stringify(state) : state },
              { upsert: true },
            );
          },
          delete: async (key) => {
            await states.deleteOne({ _id: key });
          },
        },
      },
    }),
  );
  bot.use(createConversation(report, 'report'));
  bot.command('baocao', (ctx) => ctx.conversation.enter('report'));
  bot.catch((error) => {
    console.error(JSON.stringify({ level: 50, msg: String(error.error) }));
    return error.ctx.reply('Xin lỗi, bot gặp sự cố khi xử lý tin nhắn vừa rồi.').catch(() => undefined);
  });

  await bot.init();
  const runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  const stop = async () => {
    if (runner.isRunning()) await runner.stop();
    await client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
