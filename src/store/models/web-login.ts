import { Schema } from 'mongoose';

export const WEB_LOGIN_KINDS = ['link', 'session', 'redemption'] as const;
export type WebLoginKind = (typeof WEB_LOGIN_KINDS)[number];

/**
 * A web credential, stored only as the SHA-256 of its random secret so a copy of the database
 * cannot be replayed: `link` is a one-time dashboard login link (15 minutes, single use),
 * `session` the browser session it (or the demo picker) opens, `redemption` the mark that a link
 * was used (`_id` = the link's `_id` + `:used`): inserted once, so only one opening of a link wins.
 */
export interface WebLoginDoc {
  /** Hex SHA-256 of the random secret held by the browser (cookie) or the link. */
  _id: string;
  kind: WebLoginKind;
  contactId: string;
  expiresAt: Date;
  /** Set when a link is redeemed; a used link never opens a second session. */
  usedAt: Date | null;
  createdAt: Date;
}

export const webLoginSchema = new Schema<WebLoginDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: WEB_LOGIN_KINDS },
    contactId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  // No TTL index (FerretDB cannot create one): expired entries are purged by `purgeExpired`.
  { collection: 'web_logins', versionKey: false },
);
webLoginSchema.index({ expiresAt: 1 });
