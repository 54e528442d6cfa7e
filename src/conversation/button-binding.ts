import type { CallbackKind } from './callback-data';
import { vi } from './common-texts';
import type { Outbound } from './messages';
import type { Turn } from './turn';

/** A feature's handler of one kind of button, found by the router by the data's prefix. */
export interface ButtonBinding {
  readonly prefix: string;
  /** Decodes the data and calls the handler; malformed data is answered, logged and goes no further. */
  run(turn: Turn, data: string): Promise<Outbound[]>;
}

/** Binds a handler to a kind of button: it receives the fields decoded and validated, never the raw data. */
export function onButton<T>(
  kind: CallbackKind<T>,
  handle: (turn: Turn, fields: T) => Promise<Outbound[]>,
): ButtonBinding {
  return {
    prefix: kind.prefix,
    async run(turn, data) {
      const fields = kind.decode(data);
      if (fields === null) {
        // Forged, garbled, or from a version that wrote it differently: nothing is done.
        turn.log.warn({ data }, 'malformed button data ignored');
        return [{ text: vi.staleButton }];
      }
      return handle(turn, fields);
    },
  };
}
