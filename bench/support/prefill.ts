/**
 * Fills the product's database with past answers, the way years of reports would: answer
 * documents in the shape of src/store/models/answer.ts (collection `answers`, `_id`
 * `<submissionId>:<questionId>`, submission `<roundId>:<unitCode>`), 100 per report, for the
 * annual rounds of earlier years of the benchmark's units. Only answers: the question is
 * how the per-answer cost grows with the answers already stored, and these are the documents
 * every answer's queries must pass on the embedded store, which uses no index (see
 * /work/shared/reference/embedded-store.md). insertMany of 100,000 takes a few seconds, so
 * nothing is cached between runs.
 *
 * If the product changes how it stores answers, change this file with it (the benchmark prints
 * the collection it filled).
 */
import { MongoClient } from 'mongodb';

export const ANSWERS_COLLECTION = 'answers';
const BATCH = 1000;

export interface PrefillResult {
  inserted: number;
  seconds: number;
}

export async function prefillAnswers(options: {
  uri: string;
  dbName: string;
  count: number;
  unitCodes: readonly string[];
  questionIds: readonly string[];
  /** Year of the current round: the filled rounds are the years before it. */
  currentYear: number;
}): Promise<PrefillResult> {
  const { unitCodes, questionIds } = options;
  const perRound = unitCodes.length * questionIds.length;
  const client = await MongoClient.connect(options.uri);
  const started = performance.now();
  try {
    const answers = client.db(options.dbName).collection(ANSWERS_COLLECTION);
    for (let first = 0; first < options.count; first += BATCH) {
      const docs = [];
      for (let n = first; n < Math.min(options.count, first + BATCH); n++) {
        const year = options.currentYear - 1 - Math.floor(n / perRound);
        const unit = unitCodes[Math.floor(n / questionIds.length) % unitCodes.length];
        const questionId = questionIds[n % questionIds.length]!;
        const submissionId = `annual-${year}:${unit}`;
        const at = new Date(Date.UTC(year, 11, 1, 2, 0, n % 60));
        docs.push({
          _id: `${submissionId}:${questionId}`,
          submissionId,
          questionId,
          value: n % 37,
          by: `telegram:${1_000_000 + (n % 997)}`,
          channel: 'telegram',
          at,
          revision: 1,
        });
      }
      // biome-ignore lint/suspicious/noExplicitAny: string _ids, which the driver's default schema types as ObjectId
      await answers.insertMany(docs as any[], { ordered: false });
    }
    return { inserted: await answers.countDocuments({}), seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.close();
  }
}
