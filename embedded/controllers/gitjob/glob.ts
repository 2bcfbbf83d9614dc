/**
 * Go's `path/filepath.Match` and `Glob` for `/`-separated paths, which is what Fleet uses for
 * GitRepo `paths` and `.fleetignore` entries: `*` (any run of non-separators), `?` (one
 * non-separator), `[...]` classes with `^` negation and ranges, `\` escapes. No `**`.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export class GlobPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern: ${JSON.stringify(pattern)}`);
    this.name = 'GlobPatternError';
  }
}

const cache = new Map<string, RegExp>();

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** Compiles one pattern (no separators expected in the name it is matched against). */
function compile(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new GlobPatternError(pattern);
      source += escapeRegExp(next);
    } else if (char === '[') {
      let j = i + 1;
      let cls = '';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let first = true;
      for (; j < pattern.length && (pattern[j] !== ']' || first); j++) {
        first = false;
        const c = pattern[j]!;
        if (c === '\\') {
          const next = pattern[++j];
          if (next === undefined) throw new GlobPatternError(pattern);
          cls += escapeRegExp(next);
        } else if (c === '-') cls += '-';
        else cls += escapeRegExp(c);
      }
      if (j >= pattern.length || cls === '' || cls === '^') throw new GlobPatternError(pattern);
      source += `[${cls}]`;
      i = j;
    } else source += escapeRegExp(char);
  }
  const regex = new RegExp(`^${source}$`, 's');
  cache.set(pattern, regex);
  return regex;
}

/** `filepath.Match(pattern, name)` for one path element. */
export function matchPattern(pattern: string, name: string): boolean {
  return compile(pattern).test(name);
}

function hasMeta(segment: string): boolean {
  return /[*?[\\]/.test(segment);
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The directories under `root` matching `pattern` (relative, `/`-separated), sorted like Go's
 * `filepath.Glob`, returned relative to `root` (`.` for the root itself).
 */
export async function globDirectories(root: string, pattern: string): Promise<string[]> {
  const cleaned = path.posix.normalize(pattern === '' ? '.' : pattern).replace(/\/+$/, '');
  if (cleaned === '.' || cleaned === '') return ['.'];
  let candidates = [''];
  for (const segment of cleaned.split('/')) {
    const next: string[] = [];
    for (const base of candidates) {
      if (!hasMeta(segment)) {
        next.push(base === '' ? segment : `${base}/${segment}`);
        continue;
      }
      compile(segment);
      let entries: string[];
      try {
        entries = await readdir(path.join(root, base));
      } catch {
        continue;
      }
      for (const entry of entries.sort()) {
        if (matchPattern(segment, entry)) next.push(base === '' ? entry : `${base}/${entry}`);
      }
    }
    candidates = next;
  }
  const result: string[] = [];
  for (const candidate of candidates) {
    if (await isDirectory(path.join(root, candidate))) result.push(candidate);
  }
  return result;
}
