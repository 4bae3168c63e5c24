import { consoleHandle } from '../console-directory';

/** The console's own commands (`:as`, `:join`, …): what only a terminal needs, never incident logic. */
export type ConsoleCommand =
  | { readonly name: 'as'; readonly handle: string; readonly line?: string }
  | { readonly name: 'whoami' }
  | { readonly name: 'join'; readonly target: string }
  | { readonly name: 'rooms' }
  | { readonly name: 'press'; readonly number: number }
  | { readonly name: 'help' }
  | { readonly name: 'quit' }
  | { readonly name: 'cancel' }
  | { readonly name: 'mistyped'; readonly problem: string };

const HANDLE_RULE = 'Handles are lowercase letters, digits, -, _ and . (e.g. @responder-2).';

/** Reads a line that starts with `:`. Never throws: a mistyped command says what to type instead. */
export function parseConsoleCommand(line: string): ConsoleCommand {
  const [, word = '', rest = ''] = /^:(\S*)\s*([\s\S]*)$/.exec(line.trim()) ?? [];
  switch (word.toLowerCase()) {
    case 'as': {
      const [, who = '', then = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
      if (!who) return mistyped('Say who: `:as @responder-2` to become them, or `:as @responder-2 <line>` for one line.');
      const handle = consoleHandle(who);
      if (!handle) return mistyped(`${who} is not a handle. ${HANDLE_RULE}`);
      return then ? { name: 'as', handle, line: then } : { name: 'as', handle };
    }
    case 'whoami': return { name: 'whoami' };
    case 'join':
      return rest ? { name: 'join', target: rest.trim() } : mistyped('Say where: `:join INC-3` or `:join #general`. `:rooms` lists the rooms.');
    case 'rooms': return { name: 'rooms' };
    case 'press': {
      const number = Number(rest.trim());
      return Number.isInteger(number) && number > 0 ? { name: 'press', number } : mistyped('Say which button: `:press 1` presses [1] on the latest card.');
    }
    case 'help': case '?': return { name: 'help' };
    case 'quit': case 'exit': case 'q': return { name: 'quit' };
    case 'cancel': return { name: 'cancel' };
    default: return mistyped(`There is no console command :${word}. \`:help\` lists them.`);
  }
}

const mistyped = (problem: string): ConsoleCommand => ({ name: 'mistyped', problem });

/** `:help`. Incident commands have their own help in core, for every platform. */
export const CONSOLE_HELP: readonly string[] = [
  'Console commands',
  '  /incident <command>   an incident command, as in Slack (`/incident help` lists them)',
  '  :as @who <line>       run one line as someone else',
  '  :as @who              become someone else',
  '  :whoami               who and where you are',
  '  :join INC-3           go to an incident\'s room (or `:join #general`)',
  '  :rooms                list the rooms',
  '  :press <n>            press button [n] on the latest card with buttons',
  '  :help                 this list',
  '  :quit                 leave (Ctrl-D too)',
  'Anything else you type in an incident room is a chat message: it goes on the incident\'s timeline.',
];
