/**
 * The key of a reminder in the ledger: `<roundId>:<stage>:<recipientId>`, one per round, stage and
 * recipient, so a reminder is claimed once whoever sends it. Round ids and stage names never
 * contain ":". Shared by the planner (pure) and the store (the ledger's natural `_id`).
 */
export function reminderKey(roundId: string, stage: string, recipientId: string): string {
  return `${roundId}:${stage}:${recipientId}`;
}
