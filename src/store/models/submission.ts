import { Schema } from 'mongoose';

import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submission-status';

export { SUBMISSION_STATUSES, type SubmissionStatus };

export interface SubmissionDoc {
  /** `<roundId>:<unitCode>`: the natural key makes a second submission for the same unit and round impossible. */
  _id: string;
  roundId: string;
  unitCode: string;
  status: SubmissionStatus;
  flowId: string;
  flowVersion: number;
  /**
   * Raised by one each time the answers change (after they are written). A process's in-memory
   * copy of the answers (features/report/answer-maps.ts) is valid while this is the number it was read at.
   */
  answersRev: number;
  /** Earlier versions kept a copy of every answer here, rewritten on each answer; removed on the next answer. */
  brief?: Record<string, unknown>;
  answeredCount: number;
  totalCount: number;
  /** Number of times the report was submitted; each submission is frozen in submission_versions. */
  version: number;
  receiptNo: string | null;
  startedAt: Date | null;
  submittedAt: Date | null;
  submittedBy: string | null;
  returnedAt: Date | null;
  returnReason: string | null;
  acceptedAt: Date | null;
  /**
   * Number of the last status change (submit, return, accept), each recorded first in
   * submission_changes under `<_id>:c<n>`: a unique insert, so one change per state wins
   * across processes. Absent on documents of earlier versions (0).
   */
  changeSeq?: number;
  createdAt: Date;
  updatedAt: Date;
}

export const submissionSchema = new Schema<SubmissionDoc>(
  {
    _id: { type: String, required: true },
    roundId: { type: String, required: true },
    unitCode: { type: String, required: true },
    status: { type: String, required: true, enum: SUBMISSION_STATUSES, default: 'not_started' },
    flowId: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    answersRev: { type: Number, default: 0 },
    brief: { type: Schema.Types.Mixed },
    answeredCount: { type: Number, default: 0 },
    totalCount: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
    receiptNo: { type: String, default: null },
    startedAt: { type: Date, default: null },
    submittedAt: { type: Date, default: null },
    submittedBy: { type: String, default: null },
    returnedAt: { type: Date, default: null },
    returnReason: { type: String, default: null },
    acceptedAt: { type: Date, default: null },
    changeSeq: { type: Number },
  },
  { collection: 'submissions', timestamps: true, versionKey: false, minimize: false },
);
submissionSchema.index({ roundId: 1, unitCode: 1 }, { unique: true });
submissionSchema.index({ unitCode: 1 });

/** One status change of a submission, recorded before it is written (see SubmissionDoc.changeSeq). */
export interface SubmissionChangeDoc {
  /** `<submission _id>:c<n>`. */
  _id: string;
  submissionId: string;
  /** The fields the change sets; a change recorded by a process that died is written by the next. */
  fields: Record<string, unknown>;
  at: Date;
}

export const submissionChangeSchema = new Schema<SubmissionChangeDoc>(
  {
    _id: { type: String, required: true },
    submissionId: { type: String, required: true },
    fields: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'submission_changes', versionKey: false, minimize: false },
);
