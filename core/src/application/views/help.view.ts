import type { HelpTopic } from '../commands/command';
import { COMMAND_GROUPS, type CommandCatalog, type CommandInfo } from '../commands/command-catalog';
import { DEFAULT_PREFIX, withPrefix } from '../commands/command-prefix';
import { BUILT_IN_CATALOG } from '../commands/command-usage';
import type { Block, Inline, RichText, View } from './view';

/**
 * `help` and `help <command>`. Every line comes from the command catalogue (the registry's, with the
 * commands added at run time; by default the built-ins), so help cannot drift from what the parser
 * accepts. Commands are command inlines, shown with the renderer's prefix; `prefix` (how users of the
 * platform invoke Muster: `/incident`, `@Muster`) only writes the plain fallback.
 */
export function helpView(topic?: HelpTopic, prefix: string = DEFAULT_PREFIX, catalog: CommandCatalog = BUILT_IN_CATALOG): View {
  // A caller may hand over the parser's topic unchecked; an unknown one gets the overview, not a crash.
  const info = topic === undefined ? undefined : catalog.commands.find((c) => c.name === topic);
  return info ? commandHelp(info, prefix) : overview(prefix, catalog.commands);
}

function overview(prefix: string, all: readonly CommandInfo[]): View {
  const groups: Block[] = COMMAND_GROUPS.flatMap(({ group, title }) => {
    const commands = all.filter((c) => c.group === group);
    if (commands.length === 0) return [];
    return [
      { type: 'text', text: [{ bold: title }] },
      { type: 'list', items: commands.map((c): RichText => [{ command: c.syntax }, ` — ${c.summary}`]) },
    ];
  });
  return {
    fallback: `Muster commands: ${all.map((c) => c.name).join(', ')}. Type ${withPrefix('help <command>', prefix)} for details.`,
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
  const usage = withPrefix(info.syntax, prefix);
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
