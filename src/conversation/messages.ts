/**
 * The boundary between platforms and services. A channel adapter turns a platform update into an
 * {@link Inbound}, hands it to the conversation service, and renders the {@link Outbound} replies
 * back (buttons where the platform has them, numbered text where it has not).
 */
import type { Platform } from '../domain/platform';

export type { Platform } from '../domain/platform';

export interface InboundFile {
  kind: 'document' | 'photo';
  fileId: string;
  name: string;
  /** Bytes, as announced by the platform (0 when unknown). */
  size: number;
  mimeType: string;
  /** Fetches the file's bytes from the platform. */
  download(): Promise<Buffer>;
}

export type UnsupportedKind = 'sticker' | 'voice' | 'photo' | 'video' | 'location' | 'contact' | 'other';

export type InboundContent =
  | { type: 'text'; text: string }
  /** A command without its slash, lower-case (`baocao`), and what followed it. */
  | { type: 'command'; command: string; args: string }
  /** Data of a pressed button: never trusted, always checked against the stored state. */
  | { type: 'button'; data: string }
  | { type: 'file'; file: InboundFile }
  | { type: 'unsupported'; what: UnsupportedKind };

export interface Inbound {
  platform: Platform;
  /** Unique per platform: a redelivered update carries the same id and is ignored. */
  updateId: string;
  userId: string;
  chatId: string;
  displayName: string;
  content: InboundContent;
}

export interface OutboundButton {
  label: string;
  /** At most 64 bytes (Telegram's callback data limit). */
  data: string;
}

/**
 * One message to send, with what a renderer needs to know about it beyond its words: renderers
 * decide from these hints, never by reading the text.
 */
export interface Outbound {
  text: string;
  buttons?: OutboundButton[][];
  /**
   * How the buttons' choices are made without buttons. `typed` (a flow question): the text numbers
   * the choices and names the typed words, and the feature parses a typed answer itself, so a
   * platform without buttons drops them. `listed`: the text already lists the buttons' choices as
   * "1. …  2. …" in the buttons' order, so such a platform does not list them again but still
   * turns a typed number back into the button. `buttons` (default): the choices exist only as
   * buttons, so such a platform lists them with numbers and turns a typed number into the button.
   */
  choices?: 'typed' | 'listed' | 'buttons';
  /** The message asks for a file (an attachment question, or a complaint that text came instead). */
  asksForFile?: boolean;
  /** The help text: a platform adds how commands are typed there. */
  isHelp?: boolean;
  document?: { fileName: string; bytes: Buffer; caption?: string };
}

/** Why a delivery failed, in terms the reminder sender can act on. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** The recipient can't be reached until they act (blocked the bot, deleted the chat). */
    readonly permanent: boolean,
    /** Seconds the platform asked us to wait before retrying (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Sends messages outside a reply: reminders, notifications to other users. */
/** Thrown by an `onTurn` hook to call a send off (e.g. another reminder pass claimed it first). */
export class TurnRefused extends Error {}

export interface SendOptions {
  /**
   * Called once the message's rate-limit turn has come, right before the platform call: the
   * reminder pass claims its ledger entry here, so nothing queued behind the limiter counts as
   * sent. If it throws, nothing is sent and the error reaches the caller.
   */
  onTurn?: () => Promise<void>;
}

export interface ChannelSender {
  readonly platform: Platform;
  readonly maxTextLength: number;
  /** The platform shows buttons; without them (Zalo) messages name what to type instead. */
  readonly buttons: boolean;
  send(chatId: string, message: Outbound, options?: SendOptions): Promise<void>;
}
