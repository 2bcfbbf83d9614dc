import 'server-only';

import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { GitRef, LsRemoteResult } from '@/lib/api/schemas';

/**
 * "Test connection": `git ls-remote --heads --tags` with the system git, as Fleet's cloner would
 * reach the repository. Credentials never appear on a command line or in the environment of
 * anything but this one git process: they go into files in a private temporary directory (mode
 * 0700, files 0600) that git reads through GIT_ASKPASS (HTTP) or GIT_SSH_COMMAND (SSH), and the
 * directory is removed as soon as git exits. Nothing here logs credentials.
 */

export type GitCredentials =
  | { type: 'basic-auth'; username: string; password: string }
  | { type: 'ssh-auth'; privateKey: string; knownHosts?: string };

export interface LsRemoteOptions {
  repo: string;
  credentials?: GitCredentials;
  /** PEM text of extra CAs to trust. */
  caBundle?: string;
  insecureSkipTLSVerify?: boolean;
  timeoutMs?: number;
}

export const LS_REMOTE_TIMEOUT_MS = 10_000;
const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** The answer git gives when it takes too long (a host that swallows packets, a hanging proxy). */
export const timeoutMessage = (ms: number) => `git ls-remote did not finish within ${Math.round(ms / 1000)} seconds`;

/** Prints the answer to git's prompt: the username for "Username for …", else the password. */
const ASKPASS_SCRIPT = `#!/bin/sh
dir=$(dirname "$0")
case "$1" in
  Username*|username*) cat "$dir/username" ;;
  *) cat "$dir/password" ;;
esac
`;

/** Single-quotes a path for the shell GIT_SSH_COMMAND runs in. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

async function secretFile(dir: string, name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content, { mode: 0o600 });
  return file;
}

/** Parses `<sha>\t<ref>` lines into branches and tags; peeled tags (`^{}`) give the commit a tag points at. */
export function parseLsRemote(output: string): { branches: GitRef[]; tags: GitRef[] } {
  const branches: GitRef[] = [];
  const tags = new Map<string, string>();
  for (const line of output.split('\n')) {
    const [commit, ref] = line.trim().split(/\s+/);
    if (!commit || !ref) continue;
    if (ref.startsWith('refs/heads/')) branches.push({ name: ref.slice('refs/heads/'.length), commit });
    else if (ref.startsWith('refs/tags/')) {
      const name = ref.slice('refs/tags/'.length);
      if (name.endsWith('^{}')) tags.set(name.slice(0, -3), commit);
      else if (!tags.has(name)) tags.set(name, commit);
    }
  }
  const byName = (a: GitRef, b: GitRef) => a.name.localeCompare(b.name);
  return { branches: branches.sort(byName), tags: [...tags].map(([name, commit]) => ({ name, commit })).sort(byName) };
}

export async function lsRemote(options: LsRemoteOptions): Promise<LsRemoteResult> {
  const timeoutMs = options.timeoutMs ?? LS_REMOTE_TIMEOUT_MS;
  const dir = await mkdtemp(join(tmpdir(), 'fleet-deck-ls-remote-'));
  try {
    await chmod(dir, 0o700);
    const config: string[] = ['-c', 'credential.helper=', '-c', 'core.askPass='];
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      LANG: 'C',
      LC_ALL: 'C',
      // No user or system config (credential helpers, insteadOf rewrites) and no prompts on a TTY.
      HOME: dir,
      XDG_CONFIG_HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      // Only the transports Fleet's cloner speaks: no `ext::` commands.
      GIT_ALLOW_PROTOCOL: 'http:https:ssh:git:file',
      GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes',
    };
    const credentials = options.credentials;
    if (credentials?.type === 'basic-auth') {
      await secretFile(dir, 'username', credentials.username);
      await secretFile(dir, 'password', credentials.password);
      const askpass = join(dir, 'askpass.sh');
      await writeFile(askpass, ASKPASS_SCRIPT, { mode: 0o700 });
      env.GIT_ASKPASS = askpass;
    } else if (credentials?.type === 'ssh-auth') {
      const key = await secretFile(dir, 'id', credentials.privateKey.endsWith('\n') ? credentials.privateKey : `${credentials.privateKey}\n`);
      const knownHosts = await secretFile(dir, 'known_hosts', credentials.knownHosts ?? '');
      // Fleet checks host keys strictly; so does this check: without known_hosts, ssh refuses the host.
      env.GIT_SSH_COMMAND = [
        'ssh',
        '-F /dev/null',
        `-i ${shellQuote(key)}`,
        '-o IdentitiesOnly=yes',
        '-o BatchMode=yes',
        `-o UserKnownHostsFile=${shellQuote(knownHosts)}`,
        '-o StrictHostKeyChecking=yes',
      ].join(' ');
    }
    if (options.caBundle?.trim()) config.push('-c', `http.sslCAInfo=${await secretFile(dir, 'ca.pem', options.caBundle)}`);
    if (options.insecureSkipTLSVerify) config.push('-c', 'http.sslVerify=false');

    const run = await runGit([...config, 'ls-remote', '--heads', '--tags', '--', options.repo], env, timeoutMs);
    if (run.timedOut) return { ok: false, error: timeoutMessage(timeoutMs) };
    if (run.code !== 0) return { ok: false, error: run.stderr.trim() || `git ls-remote exited with code ${run.code}` };
    return { ok: true, ...parseLsRemote(run.stdout) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runGit(args: string[], env: Record<string, string | undefined>, timeoutMs: number): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout: '', stderr: `could not run git: ${error.message}`, timedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
