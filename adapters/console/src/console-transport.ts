import { ConsoleChatGateway } from './console-chat-gateway';
import { ConsoleDirectory } from './console-directory';
import { ConsoleRooms } from './console-rooms';
import { ConsoleTerminal } from './console-terminal';

export interface ConsoleTransportOptions {
  readonly output: NodeJS.WritableStream;
  /** ANSI colours; the server passes `output.isTTY`. */
  readonly color?: boolean;
  /** The console's one workspace; `local` unless several consoles share a store. */
  readonly workspaceId?: string;
}

export interface ConsoleTransport {
  readonly terminal: ConsoleTerminal;
  readonly gateway: ConsoleChatGateway;
  readonly directory: ConsoleDirectory;
  readonly rooms: ConsoleRooms;
}

/** The parts the composition root binds (gateway, directory) and the session drives, over one terminal. */
export function createConsoleTransport(options: ConsoleTransportOptions): ConsoleTransport {
  const terminal = new ConsoleTerminal(options.output, options.color ?? false);
  const rooms = new ConsoleRooms(options.workspaceId ?? 'local');
  return { terminal, rooms, gateway: new ConsoleChatGateway(rooms, terminal), directory: new ConsoleDirectory() };
}
