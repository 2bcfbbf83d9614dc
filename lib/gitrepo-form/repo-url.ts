/**
 * The Git URLs Fleet's cloner understands, checked before anything is sent: https:// and
 * http://, ssh:// and git://, scp-style `git@host:org/repo`, and file:// (local repositories,
 * as the embedded cluster's demo uses). The same check runs in the wizard and in the BFF's
 * `git ls-remote` endpoint, so both refuse the same input with the same words.
 */

const URL_SCHEMES = ['https:', 'http:', 'ssh:', 'git:', 'file:'] as const;

/** `user@host:path` — git's scp-like syntax (no scheme, a colon before the first slash). */
const SCP_STYLE = /^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:(?!\/\/)[^\s]+$/;

export const REPO_URL_HINT = 'https://, http://, ssh:// or git:// URL, or scp-style git@host:org/repo';

/** A reason the URL is unusable, or undefined when it looks like a Git URL. */
export function checkRepoUrl(value: string): string | undefined {
  const url = value.trim();
  if (url === '') return 'Enter the repository URL';
  if (/\s/.test(url)) return 'must not contain spaces (write %20 in a path)';
  if (url.startsWith('-')) return 'must not start with "-"';
  if (SCP_STYLE.test(url)) return undefined;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (!scheme) return `is not a Git URL: use an ${REPO_URL_HINT}`;
  if (!(URL_SCHEMES as readonly string[]).includes(`${scheme}:`)) return `uses ${scheme}://, which Fleet cannot clone: use an ${REPO_URL_HINT}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (scheme === 'file') return parsed.pathname.length > 1 ? undefined : 'needs a path after file://';
  if (parsed.hostname === '') return 'needs a host name';
  if (parsed.pathname === '' || parsed.pathname === '/') return 'needs the repository path after the host (e.g. /org/repo.git)';
  return undefined;
}

/** True for plain-HTTP URLs, where TLS settings do not apply. */
export function isPlainHttp(value: string): boolean {
  return /^http:\/\//i.test(value.trim());
}
