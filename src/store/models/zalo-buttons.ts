import { Schema } from 'mongoose';

/**
 * The last buttons shown in a Zalo chat. Zalo has no buttons, so they are shown as a numbered list
 * and a typed number is turned back into the button; this record must survive a restart, since
 * a user may answer a reminder hours later.
 */
export interface ZaloButtonsDoc {
  /** The Zalo chat id. */
  _id: string;
  /** In the order they were numbered (1-based in the text). */
  buttons: { label: string; data: string }[];
  updatedAt: Date;
}

export const zaloButtonsSchema = new Schema<ZaloButtonsDoc>(
  {
    _id: { type: String, required: true },
    buttons: { type: [new Schema({ label: String, data: String }, { _id: false })], default: [] },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'zalo_buttons', versionKey: false },
);
