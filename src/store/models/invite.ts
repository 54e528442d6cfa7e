import { Schema } from 'mongoose';
import { ROLES, type Role } from './contact';

export interface InviteDoc {
  /** SHA-256 of the code: the code itself is never stored. */
  _id: string;
  unitCode: string | null;
  role: Role;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  createdBy: string;
  createdAt: Date;
}

export const inviteSchema = new Schema<InviteDoc>(
  {
    _id: { type: String, required: true },
    unitCode: { type: String, default: null },
    role: { type: String, required: true, enum: ROLES },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    usedBy: { type: String, default: null },
    createdBy: { type: String, required: true },
  },
  { collection: 'invites', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
