import { DateTime } from 'luxon';
import { z } from 'zod';
import { onButton } from '../../src/conversation/button-binding';
import { CALLBACKS } from '../../src/conversation/callbacks';
import { createConversation } from '../../src/conversation/conversation';
import { definePending, onPending } from '../../src/conversation/pending';
import type { ConversationFeature } from '../../src/conversation/turn';
import type { IdentityService } from '../../src/features/contacts/identity';
import { mergeCommandGroups } from '../../src/features/secretariat/chat/secretariat-command-kit';
import type { Repositories } from '../../src/store/repositories';
import { silentLogger } from '../support/store';

/** A command or button prefix registered twice would silently replace the first: the start fails. */
it('refuses two features that register the same command or button prefix', () => {
  const deps = {
    repos: {} as Repositories,
    identity: {} as IdentityService,
    logger: silentLogger,
    now: () => DateTime.now(),
    hasButtons: () => true,
  };
  const reply = async () => [];
  const paused = definePending('paused', z.object({ type: z.literal('paused') }));
  const one: ConversationFeature = {
    commands: { xem: reply },
    buttons: [onButton(CALLBACKS.flow, reply)],
    pending: [onPending(paused, reply)],
  };
  expect(() => createConversation({ ...deps, features: [one, { commands: { xem: reply } }] })).toThrow(
    'two features register the command "xem"',
  );
  expect(() =>
    createConversation({ ...deps, features: [one, { buttons: [onButton(CALLBACKS.flow, reply)] }] }),
  ).toThrow('two features register the button prefix "f"');
  expect(() =>
    createConversation({ ...deps, features: [one, { pending: [onPending(paused, reply)] }] }),
  ).toThrow('two features register the pending state "paused"');
  expect(() => createConversation({ ...deps, features: [one, { commands: { nop: reply } }] })).not.toThrow();
});

/** The secretariat's command groups are put together before the router sees them: a duplicate fails there too. */
it('refuses two secretariat command groups with the same command', () => {
  const reply = async () => [];
  expect(() => mergeCommandGroups([{ commands: { xuat: reply } }, { commands: { xuat: reply } }])).toThrow(
    'two secretariat command groups register the command "xuat"',
  );
  const merged = mergeCommandGroups([
    { commands: { xuat: reply }, buttons: [onButton(CALLBACKS.exports, reply)] },
    { commands: { nhac: reply }, buttons: [onButton(CALLBACKS.remind, reply)] },
  ]);
  expect(Object.keys(merged.commands)).toEqual(['xuat', 'nhac']);
  expect(merged.buttons.map((binding) => binding.prefix)).toEqual(['sx', 'sn']);
});
