import type { DateTime } from 'luxon';
import type { Logger } from '../logger';
import type { ChatSessionDoc, ContactDoc } from '../store/models';
import type { ButtonBinding } from './button-binding';
import type { Inbound, InboundContent, Outbound } from './messages';
import type { PendingBinding } from './pending';

/** One incoming message being handled: who sent it, their chat session, and how to persist it. */
export interface Turn {
  inbound: Inbound;
  contact: ContactDoc;
  session: ChatSessionDoc;
  now: DateTime;
  /** Longest text the channel accepts in one message. */
  maxTextLength: number;
  /**
   * The platform shows buttons. Without them (Zalo) a reply that names buttons ("bấm nút") is
   * worded for typing instead; the features and the engine (`EngineContext.buttons`) choose.
   */
  buttons: boolean;
  /** The logger of this update: its records carry the update id, the platform and the chat. */
  log: Logger;
}

export type Handler = (turn: Turn) => Promise<Outbound[]>;
export type ContentHandler = (turn: Turn, content: InboundContent) => Promise<Outbound[]>;

/**
 * A group of commands, buttons and pending steps (the report journey, the secretariat's tools).
 * The conversation router dispatches to features; features never know the platform.
 */
export interface ConversationFeature {
  /** By command name without slash: `baocao`. */
  /** Each declared in conversation/commands.ts, which also says who may use it. */
  commands?: Record<string, Handler>;
  /** One per kind of button data (`onButton(CALLBACKS.chooseRound, …)`), found by its prefix. */
  buttons?: ButtonBinding[];
  /** One per kind of pending state (`onPending(kind, …)`), found by its type. */
  pending?: PendingBinding[];
  /** Handles content when nothing else claimed it (the report in progress). */
  fallback?: ContentHandler;
}

export function text(message: string, buttons?: Outbound['buttons']): Outbound {
  return buttons ? { text: message, buttons } : { text: message };
}
