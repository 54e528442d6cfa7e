import { COMMANDS, type CommandDeclaration } from './commands';

/**
 * The commands a platform shows in its menu: Telegram's command list (the secretariat's added
 * in its members' chats) and the web chat's command bar, drawn from the declarations in
 * commands.ts.
 */
export interface MenuCommand {
  /** Lower-case, without slash, as the features register it. */
  command: string;
  /** Telegram's menu line. */
  description: string;
  /** A button's short label, for menus made of buttons (the web chat's bar); none: not on the bar. */
  label?: string;
}

function menu(audience: CommandDeclaration['audience']): readonly MenuCommand[] {
  return COMMANDS.filter((declared) => declared.audience === audience).map(
    ({ name, description, label }): MenuCommand =>
      label === undefined ? { command: name, description } : { command: name, description, label },
  );
}

/** The report journey's commands: every contact's menu. */
export const CONTACT_COMMANDS: readonly MenuCommand[] = menu('everyone');

/** Added to the menu of secretariat members' chats only. */
export const SECRETARIAT_COMMANDS: readonly MenuCommand[] = menu('secretariat');
