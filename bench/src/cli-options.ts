export interface CliOptions {
  readonly quick: boolean;
  /** Suite names to run (`--only a,b` or repeated `--only`); empty: all. */
  readonly only: readonly string[];
  readonly help: boolean;
  /** `--diagnostics`: the diagnostic suites too (a full run leaves them out). */
  readonly diagnostics: boolean;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let quick = false;
  let help = false;
  let diagnostics = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--diagnostics') diagnostics = true;
    else if (arg === '--only') {
      const value = argv[++i];
      if (!value) throw new Error('--only needs a suite name (see --help)');
      only.push(...value.split(',').filter(Boolean));
    } else if (arg.startsWith('--only=')) only.push(...arg.slice('--only='.length).split(',').filter(Boolean));
    else throw new Error(`Unknown option ${arg} (see --help)`);
  }
  return { quick, only, help, diagnostics };
}
