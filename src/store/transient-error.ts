/**
 * True for errors that say the store was briefly unreachable (the embedded server restarting, a
 * replica set electing a new primary, a dropped socket) or briefly busy (the embedded store's
 * SQLite answering `database is locked (5) (SQLITE_BUSY)`, as FerretDB's InternalError, code 1,
 * when a write waited longer than its busy timeout): the same work can simply be tried again.
 */
export function isTransientStoreError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message, errorLabels } = error as { name?: string; message?: string; errorLabels?: unknown };
  if (
    name === 'MongoNetworkError' ||
    name === 'MongoNetworkTimeoutError' ||
    name === 'MongoServerSelectionError' ||
    name === 'MongoPoolClearedError' ||
    name === 'MongoNotConnectedError'
  ) {
    return true;
  }
  if (
    Array.isArray(errorLabels) &&
    errorLabels.some((label) => label === 'RetryableWriteError' || label === 'ResetPool')
  ) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /socket has been ended|ECONNRESET|ECONNREFUSED|connection .* closed|database is locked|SQLITE_BUSY/i.test(
      message,
    )
  );
}
