import type { Models, ZaloButtonsDoc } from '../models';

export type ZaloButton = ZaloButtonsDoc['buttons'][number];

/** Per-chat memory of the numbered buttons last shown on Zalo (see models/zalo-buttons.ts). */
export function createZaloButtonsRepository({ ZaloButtons }: Models) {
  return {
    async get(chatId: string): Promise<ZaloButton[]> {
      const doc = await ZaloButtons.findById(chatId).lean<ZaloButtonsDoc>().exec();
      return doc?.buttons.map(({ label, data }) => ({ label, data })) ?? [];
    },

    /** Replaces the chat's buttons; an empty list forgets them (the next number is plain text). */
    async set(chatId: string, buttons: ZaloButton[], at: Date): Promise<void> {
      if (buttons.length === 0) {
        await ZaloButtons.deleteOne({ _id: chatId }).exec();
        return;
      }
      await ZaloButtons.replaceOne(
        { _id: chatId },
        { _id: chatId, buttons, updatedAt: at },
        { upsert: true },
      ).exec();
    },
  };
}

export type ZaloButtonsRepository = ReturnType<typeof createZaloButtonsRepository>;
