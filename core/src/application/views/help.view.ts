import type { CommandName } from '../commands/command';
import { COMMANDS, COMMAND_GROUPS, DEFAULT_PREFIX, usageLine, withPrefix, type CommandInfo } from '../commands/command-usage';
import type { Block, Inline, RichText, View } from './view';

/**
 * `help` and `help <command>`. Every line comes from the usage catalogue, so help cannot drift from
 * what the parser accepts. Commands are command inlines, shown with the renderer's prefix; `prefix`
 * (how users of the platform invoke Muster: `/incident`, `@Muster`) only writes the plain fallback.
 */
export function helpView(topic?: CommandName, prefix: string = DEFAULT_PREFIX): View {
  // A caller may hand over the parser's topic unchecked; an unknown one gets the overview, not a crash.
  const info = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
  return info ? commandHelp(info, prefix) : overview(prefix);
}

function overview(prefix: string): View {
  const groups: Block[] = COMMAND_GROUPS.flatMap(({ group, title }) => {
    const commands = COMMANDS.filter((c) => c.group === group);
    if (commands.length === 0) return [];
    return [
      { type: 'text', text: [{ bold: title }] },
      { type: 'list', items: commands.map((c): RichText => [{ command: c.syntax }, ` — ${c.summary}`]) },
    ];
  });
  return {
    fallback: `Muster commands: ${COMMANDS.map((c) => c.name).join(', ')}. Type ${withPrefix('help <command>', prefix)} for details.`,
    blocks: [
      { type: 'header', text: 'Muster commands' },
      {
        type: 'text',
        text: ['Type ', { command: '<command>' }, '. To act on another incident, put its reference first: ', { command: 'INC-42 status' }, '.'],
      },
      ...groups,
      { type: 'context', text: ['For examples, type ', { command: 'help <command>' }, '.'] },
    ],
  };
}

function commandHelp(info: CommandInfo, prefix: string): View {
  const usage = usageLine(info.name, prefix);
  const blocks: Block[] = [
    { type: 'header', text: `Help: ${info.name}` },
    { type: 'text', text: [{ command: info.syntax }] },
    { type: 'text', text: [info.summary] },
  ];
  if (info.examples.length > 0) {
    blocks.push({ type: 'text', text: [{ bold: 'Examples' }] }, { type: 'list', items: info.examples.map((e): RichText => [{ command: e }]) });
  }
  const notes: Inline[] = [];
  if (info.aliases.length > 0) notes.push('Also typed as ', ...joined(info.aliases.map((a) => ({ command: a }))), '. ');
  if (info.takesIncident) notes.push('Outside the incident room, put the reference first: ', { command: `INC-42 ${info.name}` }, '. ');
  notes.push('All commands: ', { command: 'help' }, '.');
  blocks.push({ type: 'context', text: notes });
  return { fallback: `${usage} — ${info.summary}`, blocks };
}

/** `a`, `b` or `c` as inline pieces. */
function joined(pieces: readonly Inline[]): Inline[] {
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : [i === pieces.length - 1 ? ' or ' : ', ', piece]));
}
