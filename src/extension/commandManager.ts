import * as vscode from 'vscode';
import { DisposableOwner } from './util/dispose';

/** A command Marginalia contributes: its id (as in package.json) and what it does. */
export interface Command {
  readonly id: string;
  execute(...args: never[]): unknown;
}

/** Registers commands in one place, as markdown-language-features' commandManager does. */
export class CommandManager extends DisposableOwner {
  private readonly ids = new Set<string>();

  add(...commands: readonly Command[]): void {
    for (const command of commands) {
      if (this.ids.has(command.id)) throw new Error(`The command ${command.id} is registered twice`);
      this.ids.add(command.id);
      this.register(vscode.commands.registerCommand(command.id, (...args: never[]) => command.execute(...args)));
    }
  }
}
