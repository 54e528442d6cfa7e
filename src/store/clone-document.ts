/**
 * A deep copy of a lean document (plain objects, arrays, dates and scalars). Not structuredClone:
 * its copies belong to the host realm, so a `Date` would fail `instanceof Date` in a VM context.
 */
export function cloneDocument<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) copy[key] = cloneDocument(field);
    return copy as T;
  }
  return value;
}
