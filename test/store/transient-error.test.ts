import mongoose from 'mongoose';
import { isTransientStoreError } from '../../src/store/transient-error';

// The driver's own error classes, through mongoose (mongodb is not a direct dependency).
const { MongoNetworkError, MongoServerError } = mongoose.mongo;

describe('isTransientStoreError', () => {
  it('retries a locked embedded store: FerretDB passes SQLite busy errors as InternalError', () => {
    // The shape the driver gives for FerretDB's answer under write contention.
    const busy = new MongoServerError({
      ok: 0,
      code: 1,
      codeName: 'InternalError',
      errmsg: '[collection.go:175 sqlite.(*collection).UpdateAll] database is locked (5) (SQLITE_BUSY)',
    });
    expect(isTransientStoreError(busy)).toBe(true);
    expect(isTransientStoreError(new Error('sqlite: step: SQLITE_BUSY'))).toBe(true);
  });

  it('retries a store that was briefly unreachable', () => {
    expect(isTransientStoreError(new MongoNetworkError('connection 3 to 127.0.0.1:1 closed'))).toBe(true);
    expect(isTransientStoreError({ message: 'x', errorLabels: ['RetryableWriteError'] })).toBe(true);
  });

  it('does not retry real failures', () => {
    const duplicate = new MongoServerError({ ok: 0, code: 11000, errmsg: 'E11000 duplicate key error' });
    expect(isTransientStoreError(duplicate)).toBe(false);
    const internal = new MongoServerError({
      ok: 0,
      code: 1,
      codeName: 'InternalError',
      errmsg: 'no such table',
    });
    expect(isTransientStoreError(internal)).toBe(false);
    expect(isTransientStoreError(new Error('validation failed'))).toBe(false);
    expect(isTransientStoreError(undefined)).toBe(false);
  });
});
