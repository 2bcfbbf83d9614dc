/**
 * Where the machine's `kubectl` is, for tests that use it as an independent client and skip
 * (saying why) on machines without it. Plain Node, so vitest and Playwright specs can both use it.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The first executable called `command` on PATH, or undefined. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Absolute path of kubectl, or undefined when it is not installed. */
export const kubectlPath: string | undefined = findOnPath('kubectl');
