import type { z } from 'zod';
import { vi } from './common-texts';
import type { InboundContent, Outbound } from './messages';
import type { Turn } from './turn';

/**
 * A multi-step exchange outside the flow engine (a confirmation, a wizard), kept in the chat
 * session's `pending` as plain JSON. It is read back through its schema, like the engine's state:
 * a stored value that is corrupted or from an older version is dropped, never trusted.
 */
export interface PendingKind<T extends { type: string }> {
  readonly type: T['type'];
  readonly schema: z.ZodType<T>;
  /** The chat's pending state if it is of this kind and valid; null otherwise. */
  read(session: { pending: unknown }): T | null;
  /** Puts the chat in this state. */
  set(session: { pending: unknown }, fields: Omit<T, 'type'>): void;
}

/** The state a pending kind holds: `PendingOf<typeof confirmSubmitPending>`. */
export type PendingOf<K> = K extends PendingKind<infer T> ? T : never;

export function definePending<T extends { type: string }>(
  type: T['type'],
  schema: z.ZodType<T>,
): PendingKind<T> {
  return {
    type,
    schema,
    read(session) {
      if (pendingType(session.pending) !== type) return null;
      const parsed = schema.safeParse(session.pending);
      return parsed.success ? parsed.data : null;
    },
    set(session, fields) {
      session.pending = { ...fields, type };
    },
  };
}

/** The `type` of a stored pending state, if it has one. */
export function pendingType(pending: unknown): string | undefined {
  const type = (pending as { type?: unknown } | null | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** A feature's handler of one kind of pending state, found by the router by its type. */
export interface PendingBinding {
  readonly type: string;
  /** Validates the stored state and calls the handler; an invalid one is dropped with a message and logged. */
  run(turn: Turn, content: InboundContent): Promise<Outbound[]>;
}

export function onPending<T extends { type: string }>(
  kind: PendingKind<T>,
  handle: (turn: Turn, pending: T, content: InboundContent) => Promise<Outbound[]>,
): PendingBinding {
  return {
    type: kind.type,
    async run(turn, content) {
      const parsed = kind.schema.safeParse(turn.session.pending);
      if (!parsed.success) {
        turn.log.warn(
          { pendingType: kind.type, issues: parsed.error.issues.slice(0, 5) },
          'invalid pending state dropped',
        );
        turn.session.pending = null;
        return [{ text: vi.pendingInvalid }];
      }
      return handle(turn, parsed.data, content);
    },
  };
}
