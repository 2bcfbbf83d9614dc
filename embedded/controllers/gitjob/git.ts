/**
 * The git operations of the gitjob controller, done with the system `git` binary.
 *
 * Every call spawns `git` directly (no shell), with prompts disabled and a timeout. Credentials
 * never appear in argv or in the URL: a basic-auth password reaches git through a GIT_ASKPASS
 * helper that reads it from the child's environment, an SSH key is written to a 0600 file in a
 * private temporary directory that is removed after the call. Errors keep git's own stderr text
 * (trimmed), because that is what Fleet shows in a GitRepo's status.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** How to authenticate against a git server and trust its TLS certificate. */
export interface GitAuth {
  basic?: { username: string; password: string };
  ssh?: { privateKey: string };
  /** known_hosts lines for SSH; without them the user's own known_hosts decides (strict checking). */
  knownHosts?: string;
  /** PEM CA certificates for HTTPS. */
  caBundle?: string;
  insecureSkipTLSVerify?: boolean;
}

export interface GitCallOptions {
  /** Kill git after this long (default: 30 s for ls-remote, 120 s for fetches). */
  timeoutMs?: number;
}

/** A failed git call. `message` is git's stderr (trimmed) or a short explanation. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface RemoteRefs {
  /** Commit HEAD points to, when the server advertises HEAD. */
  head?: string;
  /** Branch HEAD points to (`main`), when the server advertises the symref. */
  headBranch?: string;
  /** Branch name → commit. */
  branches: Record<string, string>;
  /** Tag name → commit (annotated tags are peeled to their commit). */
  tags: Record<string, string>;
}

const LS_REMOTE_TIMEOUT_MS = 30_000;
const FETCH_TIMEOUT_MS = 120_000;
const FULL_SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  [Uu]sername*) printf '%s\\n' "$FLEET_DECK_GIT_USERNAME" ;;
  *) printf '%s\\n' "$FLEET_DECK_GIT_PASSWORD" ;;
esac
`;

/** Single-quotes a value for the shell git uses to run GIT_SSH_COMMAND. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

interface PreparedAuth {
  env: Record<string, string>;
  config: string[];
  cleanup(): Promise<void>;
}

/** Writes the helper files one git call needs and returns its environment and `-c` options. */
async function prepareAuth(auth: GitAuth): Promise<PreparedAuth> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fleet-deck-git-'));
  await chmod(dir, 0o700);
  const env: Record<string, string> = {};
  // Disable stored credentials of the user running the cluster: only the GitRepo's secret counts.
  const config = ['-c', 'credential.helper=', '-c', 'core.askPass=', '-c', 'protocol.ext.allow=never'];
  try {
    if (auth.basic) {
      const askpass = path.join(dir, 'askpass.sh');
      await writeFile(askpass, ASKPASS_SCRIPT, { mode: 0o700 });
      env.GIT_ASKPASS = askpass;
      env.FLEET_DECK_GIT_USERNAME = auth.basic.username;
      env.FLEET_DECK_GIT_PASSWORD = auth.basic.password;
    }
    const ssh = ['ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'];
    if (auth.ssh) {
      const key = path.join(dir, 'id');
      await writeFile(key, auth.ssh.privateKey.endsWith('\n') ? auth.ssh.privateKey : `${auth.ssh.privateKey}\n`, { mode: 0o600 });
      ssh.push('-i', shellQuote(key), '-o', 'IdentitiesOnly=yes');
    }
    if (auth.knownHosts) {
      const knownHosts = path.join(dir, 'known_hosts');
      await writeFile(knownHosts, auth.knownHosts, { mode: 0o600 });
      ssh.push('-o', `UserKnownHostsFile=${shellQuote(knownHosts)}`);
    }
    env.GIT_SSH_COMMAND = ssh.join(' ');
    if (auth.caBundle) {
      const ca = path.join(dir, 'ca.pem');
      await writeFile(ca, auth.caBundle, { mode: 0o600 });
      config.push('-c', `http.sslCAInfo=${ca}`);
    }
    if (auth.insecureSkipTLSVerify) config.push('-c', 'http.sslVerify=false');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { env, config, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs `git <config> <args>`; rejects with a GitError carrying stderr on failure. */
async function runGit(args: string[], auth: GitAuth, options: { cwd?: string; timeoutMs: number }): Promise<RunResult> {
  const prepared = await prepareAuth(auth);
  try {
    return await new Promise<RunResult>((resolve, reject) => {
      const child = spawn('git', [...prepared.config, ...args], {
        cwd: options.cwd,
        env: {
          ...process.env,
          // Never ask on a terminal, never use a desktop askpass, always English messages.
          GIT_TERMINAL_PROMPT: '0',
          GIT_ASKPASS: '',
          SSH_ASKPASS: '',
          GCM_INTERACTIVE: 'never',
          LC_ALL: 'C',
          LANG: 'C',
          ...prepared.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new GitError(`cannot run git: ${error.message}`));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const out = Buffer.concat(stdout).toString('utf8');
        const err = Buffer.concat(stderr).toString('utf8').trim();
        if (timedOut) {
          reject(new GitError(`git ${args[0] ?? ''} timed out after ${Math.round(options.timeoutMs / 1000)}s${err ? `: ${err}` : ''}`, err, code));
        } else if (code !== 0) {
          reject(new GitError(err || `git ${args[0] ?? ''} exited with code ${String(code)}`, err, code));
        } else {
          resolve({ stdout: out, stderr: err });
        }
      });
    });
  } finally {
    await prepared.cleanup();
  }
}

function checkRepoUrl(repo: string): void {
  if (repo.trim() === '') throw new GitError('repository URL is empty');
  if (repo.startsWith('-')) throw new GitError(`invalid repository URL ${JSON.stringify(repo)}`);
}

/** `git ls-remote --symref <repo>`: every branch and tag with its commit, and HEAD. */
export async function lsRemote(repo: string, auth: GitAuth = {}, options: GitCallOptions = {}): Promise<RemoteRefs> {
  checkRepoUrl(repo);
  const { stdout } = await runGit(['ls-remote', '--symref', '--', repo], auth, { timeoutMs: options.timeoutMs ?? LS_REMOTE_TIMEOUT_MS });
  return parseLsRemote(stdout);
}

/** Parses `git ls-remote --symref` output. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs: RemoteRefs = { branches: {}, tags: {} };
  const peeled: Record<string, string> = {};
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const [left, ref] = line.split('\t');
    if (left === undefined || ref === undefined) continue;
    if (left.startsWith('ref: ')) {
      if (ref === 'HEAD') refs.headBranch = left.slice('ref: '.length).replace(/^refs\/heads\//, '');
      continue;
    }
    if (ref === 'HEAD') refs.head = left;
    else if (ref.startsWith('refs/heads/')) refs.branches[ref.slice('refs/heads/'.length)] = left;
    else if (ref.startsWith('refs/tags/')) {
      const name = ref.slice('refs/tags/'.length);
      if (name.endsWith('^{}')) peeled[name.slice(0, -3)] = left;
      else refs.tags[name] = left;
    }
  }
  for (const [name, commit] of Object.entries(peeled)) refs.tags[name] = commit;
  return refs;
}

export interface GitReference {
  branch?: string;
  revision?: string;
}

/** Fleet's default when neither branch nor revision is set. */
export const DEFAULT_BRANCH = 'master';

/** The ref to fetch for a GitRepo's branch/revision (undefined for a bare commit SHA). */
export function refToFetch(reference: GitReference): string | undefined {
  if (reference.branch) return `refs/heads/${reference.branch}`;
  if (reference.revision && !FULL_SHA.test(reference.revision)) return `refs/tags/${reference.revision}`;
  if (!reference.revision) return `refs/heads/${DEFAULT_BRANCH}`;
  return undefined;
}

/**
 * The commit a GitRepo follows: the head of `branch` (default `master`), or `revision` (a tag,
 * a branch name, or a full commit SHA used as is).
 */
export async function resolveCommit(repo: string, reference: GitReference, auth: GitAuth = {}, options: GitCallOptions = {}): Promise<string> {
  const refs = await lsRemote(repo, auth, options);
  return commitFromRefs(refs, reference);
}

export function commitFromRefs(refs: RemoteRefs, reference: GitReference): string {
  if (reference.branch || !reference.revision) {
    const branch = reference.branch || DEFAULT_BRANCH;
    const commit = refs.branches[branch];
    if (!commit) throw new GitError(`branch "${branch}" not found: couldn't find remote ref refs/heads/${branch}`);
    return commit;
  }
  const revision = reference.revision;
  if (FULL_SHA.test(revision)) return revision.toLowerCase();
  const commit = refs.tags[revision] ?? refs.branches[revision];
  if (!commit) throw new GitError(`revision "${revision}" not found: couldn't find remote ref refs/tags/${revision}`);
  return commit;
}

/**
 * Makes `dir` a work tree of `repo` at `commit`. The directory is a cache that stays between
 * polls: it is created with `git init` once, and each call only does a shallow fetch of the
 * commit (falling back to `ref`, then to a full fetch of `ref`, for servers that refuse to serve
 * a commit by id), then a forced detached checkout and a clean.
 */
export async function checkout(
  repo: string,
  commit: string,
  dir: string,
  auth: GitAuth = {},
  options: GitCallOptions & { ref?: string } = {},
): Promise<void> {
  checkRepoUrl(repo);
  const cached = existsSync(path.join(dir, '.git'));
  try {
    await checkoutOnce(repo, commit, dir, auth, options);
  } catch (error) {
    if (!cached) throw error;
    // A cache left broken (interrupted fetch, foreign history) must not fail every poll: start over once.
    await rm(dir, { recursive: true, force: true });
    await checkoutOnce(repo, commit, dir, auth, options);
  }
}

async function checkoutOnce(repo: string, commit: string, dir: string, auth: GitAuth, options: GitCallOptions & { ref?: string }): Promise<void> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  if (!existsSync(path.join(dir, '.git'))) {
    await mkdir(dir, { recursive: true });
    await runGit(['init', '--quiet', dir], {}, { timeoutMs });
  }
  const git = (args: string[], withAuth = false) => runGit(['-C', dir, ...args], withAuth ? auth : {}, { timeoutMs });
  const hasCommit = async () => {
    try {
      await git(['cat-file', '-e', `${commit}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  };
  if (!(await hasCommit())) {
    try {
      await git(['fetch', '--quiet', '--no-tags', '--depth', '1', '--', repo, commit], true);
    } catch (error) {
      if (!options.ref) throw error;
      await git(['fetch', '--quiet', '--no-tags', '--depth', '1', '--', repo, options.ref], true);
      if (!(await hasCommit())) await git(['fetch', '--quiet', '--no-tags', '--', repo, options.ref], true);
      if (!(await hasCommit())) throw new GitError(`commit ${commit} not found in ${options.ref}`);
    }
  }
  await git(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--force', '--detach', commit]);
  await git(['clean', '--quiet', '-ffdx']);
}

/** What the gitjob controller reads from a git credential Secret (`data` is base64). */
export interface SecretLike {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function secretValue(secret: SecretLike, key: string): string | undefined {
  const encoded = secret.data?.[key];
  if (encoded !== undefined) return Buffer.from(encoded, 'base64').toString('utf8');
  return secret.stringData?.[key];
}

/**
 * The auth of a GitRepo: `kubernetes.io/basic-auth` → username/password,
 * `kubernetes.io/ssh-auth` → private key (+ optional known_hosts); other secret types with those
 * keys are read the same way. `caBundle` is the GitRepo's base64 `spec.caBundle`.
 */
export function gitAuthFromSecret(
  secret: SecretLike | undefined,
  extra: { caBundle?: string; insecureSkipTLSVerify?: boolean; knownHosts?: string } = {},
): GitAuth {
  const auth: GitAuth = {};
  if (secret) {
    const username = secretValue(secret, 'username');
    const password = secretValue(secret, 'password');
    const privateKey = secretValue(secret, 'ssh-privatekey');
    if (secret.type === 'kubernetes.io/ssh-auth' || (privateKey && secret.type !== 'kubernetes.io/basic-auth')) {
      if (privateKey) auth.ssh = { privateKey };
    } else if (username !== undefined || password !== undefined) {
      auth.basic = { username: username ?? '', password: password ?? '' };
    }
  }
  const knownHosts = (secret && secretValue(secret, 'known_hosts')) || extra.knownHosts;
  if (knownHosts) auth.knownHosts = knownHosts;
  if (extra.caBundle) auth.caBundle = Buffer.from(extra.caBundle, 'base64').toString('utf8');
  if (extra.insecureSkipTLSVerify) auth.insecureSkipTLSVerify = true;
  return auth;
}
