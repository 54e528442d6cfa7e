/** True for MongoDB's duplicate-key error (code 11000), which both stores raise on a unique-index clash on insert. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, writeErrors } = error as { code?: unknown; writeErrors?: { code?: unknown }[] };
  if (code === 11000) return true;
  return Array.isArray(writeErrors) && writeErrors.some((entry) => entry.code === 11000);
}
