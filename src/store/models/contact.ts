import { Schema } from 'mongoose';

import { PLATFORMS, type Platform } from '../../domain/platform';

export { PLATFORMS, type Platform } from '../../domain/platform';
export const ROLES = ['contact', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export interface ContactDoc {
  /** `<platform>:<platform user id>`: one contact per platform account. */
  _id: string;
  platform: Platform;
  userId: string;
  /** Where to send messages (a private chat: equal to the user id on Telegram and Zalo). */
  chatId: string;
  /** The unit the contact reports for; a secretariat member may have none. */
  unitCode: string | null;
  role: Role;
  displayName: string;
  active: boolean;
  /** Set when the platform refused delivery (e.g. 403: the user blocked the bot). */
  unreachableAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const contactSchema = new Schema<ContactDoc>(
  {
    _id: { type: String, required: true },
    platform: { type: String, required: true, enum: PLATFORMS },
    userId: { type: String, required: true },
    chatId: { type: String, required: true },
    unitCode: { type: String, default: null },
    role: { type: String, required: true, enum: ROLES, default: 'contact' },
    displayName: { type: String, default: '' },
    active: { type: Boolean, default: true },
    unreachableAt: { type: Date, default: null },
  },
  { collection: 'contacts', timestamps: true, versionKey: false },
);
contactSchema.index({ unitCode: 1, active: 1 });
contactSchema.index({ role: 1, active: 1 });
