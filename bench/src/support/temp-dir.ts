import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system temp dir for one suite's databases and logs. */
export function makeTempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `muster-bench-${label}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
