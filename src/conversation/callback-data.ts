import { z } from 'zod';

/**
 * Typed button data. A button's data is `<prefix>:<field>:<field>…`: the prefix names the kind of
 * button (1–2 lower-case letters), the fields are what the handler needs. Each kind is declared
 * once (see `callbacks.ts`) with its fields' schemas, so producers encode and handlers receive
 * validated, typed fields; forged or garbled data decodes to null.
 *
 * The wire format is a contract with messages already in users' chats (Telegram keeps old inline
 * keyboards, Zalo remembers numbered buttons in the store): a kind's prefix and field order never
 * change; a new field may only be added as an optional last one.
 */

/** Telegram rejects callback data over 64 bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const PREFIX = /^[a-z]{1,2}$/;

export interface CallbackKind<T> {
  readonly prefix: string;
  /** The data for these fields; throws if it is longer than Telegram accepts or would not read back. */
  encode(fields: T): string;
  /** The data for these fields, or null if it is longer than Telegram accepts or would not read back (such a button is left out). */
  tryEncode(fields: T): string | null;
  /** The fields of this kind's data; null for another kind's data or anything malformed. */
  decode(data: string): T | null;
}

/** The prefix of any button data: what comes before the first ':' (all of it without one). */
export function prefixOf(data: string): string {
  const separator = data.indexOf(':');
  return separator < 0 ? data : data.slice(0, separator);
}

export function fitsCallbackData(data: string): boolean {
  return Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_MAX_BYTES;
}

/**
 * A kind of button with its own layout of fields: `write` gives the fields' texts in wire order,
 * `read` takes the texts after the prefix (split on every ':') back to the object `schema` checks.
 */
export function defineCallback<T>(
  prefix: string,
  codec: {
    schema: z.ZodType<T>;
    write: (fields: T) => string[];
    read: (parts: string[]) => unknown;
  },
): CallbackKind<T> {
  if (!PREFIX.test(prefix)) throw new Error(`button data prefix "${prefix}" must be 1–2 lower-case letters`);
  const kind: CallbackKind<T> = {
    prefix,
    encode(fields) {
      const data = kind.tryEncode(fields);
      if (data === null)
        throw new Error(
          `button "${prefix}": fields ${JSON.stringify(fields)} do not fit in ${CALLBACK_DATA_MAX_BYTES} bytes or do not read back`,
        );
      return data;
    },
    tryEncode(fields) {
      const data = [prefix, ...codec.write(fields)].join(':');
      // What is sent must read back as itself: a field holding ':' would shift the others.
      return kind.decode(data) === null ? null : data;
    },
    decode(data) {
      if (typeof data !== 'string' || !fitsCallbackData(data) || prefixOf(data) !== prefix) return null;
      const parts = data.length > prefix.length ? data.slice(prefix.length + 1).split(':') : [];
      const parsed = codec.schema.safeParse(codec.read(parts));
      return parsed.success ? parsed.data : null;
    },
  };
  return kind;
}

/** One field of positional button data: how its text is checked and how a value is written. */
export interface Field<T> {
  readonly schema: z.ZodType<T>;
  readonly write: (value: T) => string;
  readonly optional: false;
}
export interface OptionalField<T> {
  readonly schema: z.ZodType<T | undefined>;
  readonly write: (value: T) => string;
  readonly optional: true;
}
interface AnyField {
  readonly schema: z.ZodType<unknown>;
  readonly write: (value: never) => string;
  readonly optional: boolean;
}
type ValueOf<F> = F extends { write: (value: infer T) => string } ? T : never;
type Shape = Record<string, AnyField>;
/** The object a positional kind carries: its required fields, and its optional (last) ones as optional keys. */
export type FieldsOf<S extends Shape> = {
  [K in keyof S as S[K] extends { optional: true } ? never : K]: ValueOf<S[K]>;
} & { [K in keyof S as S[K] extends { optional: true } ? K : never]?: ValueOf<S[K]> };

export function field<T>(schema: z.ZodType<T>, write: (value: T) => string = String): Field<T> {
  return { schema, write, optional: false };
}

export function optional<T>(f: Field<T>): OptionalField<T> {
  return { schema: f.schema.optional(), write: f.write, optional: true };
}

/**
 * A kind whose data is its fields in the order of `shape`, separated by ':'. The last field takes
 * the rest of the data, so it alone may contain ':' (a contact id `telegram:123`); optional
 * fields come last and are left out of the data when absent.
 */
export function positional<S extends Shape>(prefix: string, shape: S): CallbackKind<FieldsOf<S>> {
  const names = Object.keys(shape);
  const firstOptional = names.findIndex((name) => shape[name]!.optional);
  if (firstOptional >= 0 && names.slice(firstOptional).some((name) => !shape[name]!.optional))
    throw new Error(`button data "${prefix}": optional fields must come last`);
  const schema = z
    .object(Object.fromEntries(names.map((name) => [name, shape[name]!.schema])))
    .strict() as unknown as z.ZodType<FieldsOf<S>>;
  return defineCallback(prefix, {
    schema,
    write: (fields) => {
      const values = fields as Record<string, unknown>;
      return names
        .filter((name) => values[name] !== undefined)
        .map((name) => (shape[name]!.write as (value: unknown) => string)(values[name]));
    },
    read: (parts) => {
      if (parts.length > names.length) {
        const rest = parts.slice(names.length - 1).join(':');
        parts = [...parts.slice(0, names.length - 1), rest];
      }
      return Object.fromEntries(parts.map((part, i) => [names[i]!, part]));
    },
  });
}

/**
 * Every kind of button data the conversation knows: refuses two kinds with one prefix (one would
 * silently take the other's buttons), at start.
 */
export function callbackRegistry<K extends Record<string, { readonly prefix: string }>>(kinds: K): K {
  const seen = new Map<string, string>();
  for (const [name, kind] of Object.entries(kinds)) {
    const other = seen.get(kind.prefix);
    if (other) throw new Error(`button data prefix "${kind.prefix}" declared twice (${other}, ${name})`);
    seen.set(kind.prefix, name);
  }
  return Object.freeze(kinds);
}
