import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { PluginConfigError } from '@muster/plugin-sdk';

/** More than this of a runbook file is never read: the room sees its first section only. */
export const MAX_READ_BYTES = 256 * 1024;

/**
 * Reads the start of a runbook file that lies under `baseDir`, after symlinks are followed: a path
 * with `..`, an absolute path or a link pointing out of the directory is refused, so a catalogue
 * entry (editable through the REST API) cannot make Muster post `/etc/passwd` in a room. Errors
 * name the file as configured, never the resolved path outside.
 */
export async function readRunbookFile(baseDir: string, file: string): Promise<string> {
  if (file.includes('\0') || isAbsolute(file)) throw new PluginConfigError('A runbook file must be a path relative to the runbooks directory: refused', 'runbookFile');
  const base = await realpath(baseDir).catch(() => {
    throw new PluginConfigError('The runbooks directory (baseDir) does not exist', 'baseDir');
  });
  if (!inside(base, resolve(base, file))) throw refused(file);
  const target = await realpath(resolve(base, file)).catch(() => {
    throw new PluginConfigError(`Runbook file "${shown(file)}" does not exist`, 'runbookFile');
  });
  if (!inside(base, target)) throw refused(file);
  const handle = await open(target, 'r');
  try {
    if (!(await handle.stat()).isFile()) throw new PluginConfigError(`Runbook file "${shown(file)}" is not a file`, 'runbookFile');
    const buffer = Buffer.alloc(MAX_READ_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_READ_BYTES, 0);
    // A cut in the middle of a multi-byte character decodes to U+FFFD: harmless, and only past the first section.
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function inside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const refused = (file: string) => new PluginConfigError(`Runbook file "${shown(file)}" is outside the runbooks directory: refused`, 'runbookFile');
const shown = (file: string) => file.replace(/[\0-\x1f]/g, '?').slice(0, 200);
