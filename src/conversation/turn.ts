import type { DateTime } from 'luxon';
import type { ChatSessionDoc, ContactDoc } from '../store/models';
import type { Inbound, InboundContent, Outbound } from './messages';

/** Multi-step exchanges outside the flow engine, stored in the chat session. */
export type Pending =
  | { type: 'choose-round'; roundIds: string[] }
  | { type: 'confirm-submit'; submissionId: string }
  | { type: 'paused' }
  | { type: string; [key: string]: unknown };

/** One incoming message being handled: who sent it, their chat session, and how to persist it. */
export interface Turn {
  inbound: Inbound;
  contact: ContactDoc;
  session: ChatSessionDoc;
  now: DateTime;
  /** Longest text the channel accepts in one message. */
  maxTextLength: number;
}

export type Handler = (turn: Turn) => Promise<Outbound[]>;
export type ContentHandler = (turn: Turn, content: InboundContent) => Promise<Outbound[]>;

/**
 * A group of commands, buttons and pending steps (the report journey, the secretariat's tools).
 * The conversation router dispatches to features; features never know the platform.
 */
export interface ConversationFeature {
  /** By command name without slash: `baocao`. */
  commands?: Record<string, Handler & { secretariatOnly?: boolean }>;
  /** By button data prefix up to the first ':' (`r` for `r:annual-2026`). */
  buttons?: Record<string, (turn: Turn, payload: string) => Promise<Outbound[]>>;
  /** By pending type. */
  pending?: Record<string, ContentHandler>;
  /** Handles content when nothing else claimed it (the report in progress). */
  fallback?: ContentHandler;
  /** Commands that only secretariat members may use. */
  secretariatCommands?: readonly string[];
}

export function text(message: string, buttons?: Outbound['buttons']): Outbound {
  return buttons ? { text: message, buttons } : { text: message };
}
