export { createConsoleTransport, type ConsoleTransport, type ConsoleTransportOptions } from './console-transport';
export { ConsoleTerminal, type ConsoleTone, type PromptGuard } from './console-terminal';
export { ConsoleChatGateway } from './console-chat-gateway';
export { ConsoleDirectory, consoleHandle, consolePerson } from './console-directory';
export { ConsoleRooms, LOBBY_NAME, type ConsoleRoom } from './console-rooms';
export { ConsoleSession, type ConsoleSessionOptions } from './session/console-session';
export { renderView, type RenderedView } from './render/view-text';
export { terminalSafe, terminalSafeLine } from './render/sanitize';
export { createConsoleSession, type ConsoleSessionWiring, type CoreApplication } from './session/console-session-factory';
