import { DateTime } from 'luxon';
import { createConversation } from '../../src/conversation/conversation';
import type { ConversationFeature } from '../../src/conversation/turn';
import type { IdentityService } from '../../src/features/contacts/identity';
import type { Repositories } from '../../src/store/repositories';
import { silentLogger } from '../support/store';

/** A command or button prefix registered twice would silently replace the first: the start fails. */
it('refuses two features that register the same command or button prefix', () => {
  const deps = {
    repos: {} as Repositories,
    identity: {} as IdentityService,
    logger: silentLogger,
    now: () => DateTime.now(),
  };
  const reply = async () => [];
  const one: ConversationFeature = { commands: { xem: reply }, buttons: { f: reply } };
  expect(() => createConversation({ ...deps, features: [one, { commands: { xem: reply } }] })).toThrow(
    'two features register the command "xem"',
  );
  expect(() => createConversation({ ...deps, features: [one, { buttons: { f: reply } }] })).toThrow(
    'two features register the button prefix "f"',
  );
  expect(() => createConversation({ ...deps, features: [one, { commands: { nop: reply } }] })).not.toThrow();
});
