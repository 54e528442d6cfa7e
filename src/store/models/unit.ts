import { Schema } from 'mongoose';

import { UNIT_KINDS, type UnitKind } from '../../domain/unit-kinds';

export interface UnitDoc {
  /** The unit's code, e.g. `ubnd`: a natural key, so lookups by code use the `_id` index on both stores. */
  _id: string;
  name: string;
  kind: UnitKind;
  group: string;
  active: boolean;
  order: number;
  /** Answers known from the unit itself (question id → value), filled in when its report starts. */
  presetAnswers: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export const unitSchema = new Schema<UnitDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true, enum: UNIT_KINDS },
    group: { type: String, default: '' },
    active: { type: Boolean, default: true },
    order: { type: Number, default: 0 },
    presetAnswers: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { collection: 'units', timestamps: true, versionKey: false },
);
unitSchema.index({ kind: 1, active: 1 });
