import { Schema } from 'mongoose';

/**
 * A short lease on a whole kind of change (e.g. `units`: loading the units file), held by one
 * process at a time across processes: taken by a unique insert of its name, which is atomic on
 * both stores, renewed while held, removed when done, broken when its holder stopped renewing it.
 */
export interface StoreLeaseDoc {
  _id: string;
  /** A random id per holder, and what it is doing (for the message of a process kept waiting). */
  holder: string;
  what: string;
  at: Date;
}

export const storeLeaseSchema = new Schema<StoreLeaseDoc>(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    what: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'store_leases', versionKey: false },
);
