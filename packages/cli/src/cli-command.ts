/** One `muster <name>` command. Add a command by adding an entry to COMMANDS in command-table.ts. */
export interface CliCommand {
  readonly name: string;
  /** `tokens create <name>` — shown in the usage. */
  readonly usage: string;
  readonly summary: string;
  /** Resolves with the exit code. Readable errors are the command's to print; anything thrown is printed as one line. */
  run(args: readonly string[]): Promise<number>;
}
