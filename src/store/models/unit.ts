import { Schema } from 'mongoose';

/** Kinds of grassroots unit; section III of the outline branches on them. Mirrors the engine's UnitKind. */
export const UNIT_KIND_VALUES = [
  'chinh-quyen',
  'co-quan-tham-muu',
  'co-quan',
  'doanh-nghiep',
  'to-chuc-dang',
  'mat-tran',
] as const;
export type UnitKindValue = (typeof UNIT_KIND_VALUES)[number];

export interface UnitDoc {
  /** The unit's code, e.g. `ubnd`: a natural key, so lookups by code use the `_id` index on both stores. */
  _id: string;
  name: string;
  kind: UnitKindValue;
  group: string;
  active: boolean;
  order: number;
  createdAt: Date;
  updatedAt: Date;
}

export const unitSchema = new Schema<UnitDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true, enum: UNIT_KIND_VALUES },
    group: { type: String, default: '' },
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
  },
  { collection: 'units', timestamps: true, versionKey: false },
);
unitSchema.index({ kind: 1, active: 1 });
