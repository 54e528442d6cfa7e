import { Schema } from 'mongoose';

export interface AnswerDoc {
  /** `<submissionId>:<questionId>`: one document per question per submission. */
  _id: string;
  submissionId: string;
  questionId: string;
  value: unknown;
  /** Contact id of whoever gave the current value, and through which channel. */
  by: string;
  channel: string;
  at: Date;
  /** Number of the current revision (1 = first answer); earlier values live in answer_revisions. */
  revision: number;
  /** The update (`<platform>:<update id>`) that wrote this value: a redelivery of it is not applied again. */
  updateKey?: string | null;
}

export const answerSchema = new Schema<AnswerDoc>(
  {
    _id: { type: String, required: true },
    submissionId: { type: String, required: true },
    questionId: { type: String, required: true },
    value: { type: Schema.Types.Mixed },
    by: { type: String, required: true },
    channel: { type: String, required: true },
    at: { type: Date, required: true },
    revision: { type: Number, required: true },
    updateKey: { type: String, default: null },
  },
  { collection: 'answers', versionKey: false, minimize: false },
);
answerSchema.index({ submissionId: 1 });

export interface AnswerRevisionDoc {
  /** `<answerId>:r<revision>`: appended, never rewritten; a unique insert per revision. */
  _id: string;
  answerId: string;
  submissionId: string;
  questionId: string;
  /** null when the answer was cleared. */
  value: unknown;
  by: string;
  channel: string;
  at: Date;
}

export const answerRevisionSchema = new Schema<AnswerRevisionDoc>(
  {
    _id: { type: String, required: true },
    answerId: { type: String, required: true },
    submissionId: { type: String, required: true },
    questionId: { type: String, required: true },
    value: { type: Schema.Types.Mixed, default: null },
    by: { type: String, required: true },
    channel: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'answer_revisions', versionKey: false, minimize: false },
);
answerRevisionSchema.index({ submissionId: 1 });

export interface SubmissionVersionDoc {
  /** `<submissionId>:v<n>`: a unique insert makes "submit" happen exactly once per version. */
  _id: string;
  submissionId: string;
  roundId: string;
  unitCode: string;
  version: number;
  flowId: string;
  flowVersion: number;
  answers: { questionId: string; value: unknown; by: string; at: Date }[];
  receiptNo: string;
  submittedBy: string;
  channel: string;
  submittedAt: Date;
}

export const submissionVersionSchema = new Schema<SubmissionVersionDoc>(
  {
    _id: { type: String, required: true },
    submissionId: { type: String, required: true },
    roundId: { type: String, required: true },
    unitCode: { type: String, required: true },
    version: { type: Number, required: true },
    flowId: { type: String, required: true },
    flowVersion: { type: Number, required: true },
    answers: [
      new Schema(
        { questionId: String, value: Schema.Types.Mixed, by: String, at: Date },
        { _id: false, minimize: false },
      ),
    ],
    receiptNo: { type: String, required: true },
    submittedBy: { type: String, required: true },
    channel: { type: String, required: true },
    submittedAt: { type: Date, required: true },
  },
  { collection: 'submission_versions', versionKey: false },
);
submissionVersionSchema.index({ submissionId: 1 });
