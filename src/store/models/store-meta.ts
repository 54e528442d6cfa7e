import { Schema } from 'mongoose';

/**
 * Small facts about the store itself. `reference-data` holds an epoch that every process writing
 * units, rounds or contacts changes, so the other processes on the same store (the CLI, a second
 * bot instance) know their in-memory copies are out of date.
 */
export interface StoreMetaDoc {
  _id: string;
  epoch: string;
  updatedAt: Date;
}

export const storeMetaSchema = new Schema<StoreMetaDoc>(
  {
    _id: { type: String, required: true },
    epoch: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'store_meta', versionKey: false },
);
