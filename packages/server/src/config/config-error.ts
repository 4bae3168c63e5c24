import { MusterError } from '@muster/core';

/**
 * Everything wrong with the configuration, found in one pass. The message is one line (the problems
 * joined by "; "), because a start that fails must say why on one line of stderr, with no stack.
 */
export class ConfigError extends MusterError {
  constructor(readonly problems: readonly string[]) {
    super('configuration', summarise(problems), { problems });
  }
}

const SHOWN = 5;

function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, SHOWN).join('; ');
  const rest = problems.length - SHOWN;
  return rest > 0 ? `${shown}; and ${rest} more problem${rest === 1 ? '' : 's'}` : shown;
}
