import { DateTime } from 'luxon';
import { z } from 'zod';
import { onButton } from '../../src/conversation/button-binding';
import { CALLBACKS } from '../../src/conversation/callbacks';
import { CONTACT_COMMANDS, SECRETARIAT_COMMANDS } from '../../src/conversation/command-menu';
import { COMMANDS } from '../../src/conversation/commands';
import { createConversation } from '../../src/conversation/conversation';
import { definePending, onPending } from '../../src/conversation/pending';
import type { ConversationFeature } from '../../src/conversation/turn';
import { parseTypedCommand } from '../../src/conversation/typed-commands';
import type { IdentityService } from '../../src/features/contacts/identity';
import { mergeCommandGroups } from '../../src/features/secretariat/chat/secretariat-command-kit';
import type { Repositories } from '../../src/store/repositories';
import { silentLogger } from '../support/store';

/** The router's dependencies: registration is checked before any of them is used. */
const deps = {
  repos: {} as Repositories,
  identity: {} as IdentityService,
  logger: silentLogger,
  now: () => DateTime.now(),
  hasButtons: () => true,
};

/** A command or button prefix registered twice would silently replace the first: the start fails. */
it('refuses two features that register the same command or button prefix', () => {
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

/** Menus, typed words and the router's audience come from one declaration per command. */
it('refuses a command not declared in conversation/commands.ts', () => {
  const reply = async () => [];
  expect(() => createConversation({ ...deps, features: [{ commands: { lenhmoi: reply } }] })).toThrow(
    'the command "lenhmoi" is not declared in conversation/commands.ts',
  );
  // Who may use it is the declaration's: the feature need not repeat it.
  expect(() => createConversation({ ...deps, features: [{ commands: { tinhhinh: reply } }] })).not.toThrow();
});

it('draws the menus and the typed words from the declarations', () => {
  for (const declared of COMMANDS) {
    const menu = declared.audience === 'secretariat' ? SECRETARIAT_COMMANDS : CONTACT_COMMANDS;
    expect(menu.map((entry) => entry.command)).toContain(declared.name);
    for (const phrase of declared.typed)
      expect(parseTypedCommand(phrase)).toEqual({ command: declared.name, args: '' });
    expect(parseTypedCommand(`/${declared.name}`)).toEqual({ command: declared.name, args: '' });
  }
  expect(CONTACT_COMMANDS.length + SECRETARIAT_COMMANDS.length).toBe(COMMANDS.length);
});
