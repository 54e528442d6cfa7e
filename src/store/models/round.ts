import { Schema } from 'mongoose';

export const ROUND_KINDS = ['semiannual', 'annual', 'dot-xuat'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface RoundDoc {
  /** `annual-2026`, `semiannual-2027`, `dot-xuat-<date>-<suffix>`. */
  _id: string;
  kind: RoundKind;
  year: number;
  title: string;
  flowId: string;
  /** Only these sections of the flow (ad-hoc requests may use part of the main outline); empty = all. */
  sections: string[];
  opensAt: Date;
  dueAt: Date;
  /** As shown to users: "trước ngày 10/12/2026". */
  dueLabel: string;
  dataFrom: Date | null;
  dataTo: Date | null;
  /** Unit kinds the round targets (periodic rounds) … */
  targetKinds: string[];
  /** … or an explicit list of units (ad-hoc rounds); empty = by kind. */
  targetUnitCodes: string[];
  exemptUnitCodes: string[];
  /** Reminder stages for this round, e.g. ['mo', 'truoc-7', …]. */
  reminderPlan: string[];
  request: { title: string; instructions: string } | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const roundSchema = new Schema<RoundDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: ROUND_KINDS },
    year: { type: Number, required: true },
    title: { type: String, required: true },
    flowId: { type: String, required: true },
    sections: { type: [String], default: [] },
    opensAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    dueLabel: { type: String, required: true },
    dataFrom: { type: Date, default: null },
    dataTo: { type: Date, default: null },
    targetKinds: { type: [String], default: [] },
    targetUnitCodes: { type: [String], default: [] },
    exemptUnitCodes: { type: [String], default: [] },
    reminderPlan: { type: [String], default: [] },
    request: { type: new Schema({ title: String, instructions: String }, { _id: false }), default: null },
    createdBy: { type: String, default: 'system' },
  },
  { collection: 'rounds', timestamps: true, versionKey: false },
);
roundSchema.index({ dueAt: 1 });
