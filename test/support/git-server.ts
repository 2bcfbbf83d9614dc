/**
 * Git repositories for tests: bare repositories on disk, written with the system `git`, served
 * over HTTP on 127.0.0.1 by `git http-backend` running as a CGI program behind a tiny Node
 * server. Basic auth, when configured, is checked by the Node server.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitServerOptions {
  /** Require HTTP basic auth with these credentials. */
  auth?: { username: string; password: string };
}

export interface GitServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Clone URL of a repository created with {@link GitRepos.create}. */
  url(repo: string): string;
  close(): Promise<void>;
}

const GIT_IDENTITY = ['-c', 'user.name=Fleet Deck Test', '-c', 'user.email=test@fleet-deck.invalid', '-c', 'commit.gpgsign=false'];

function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
}

/** Bare repositories under one root, each with a persistent work tree to commit from. */
export class GitRepos {
  readonly root: string;
  private readonly workRoot: string;

  constructor(dir = mkdtempSync(path.join(tmpdir(), 'fleet-deck-git-'))) {
    this.root = path.join(dir, 'repos');
    this.workRoot = path.join(dir, 'work');
    mkdirSync(this.root, { recursive: true });
    mkdirSync(this.workRoot, { recursive: true });
  }

  private gitDir(repo: string): string {
    return path.join(this.root, `${repo}.git`);
  }

  /** Creates `<repo>.git` with a first commit of `files` on `branch` (default master); returns the commit. */
  create(repo: string, files: Record<string, string>, branch = 'master'): string {
    git(['init', '--quiet', '--bare', '--initial-branch', branch, this.gitDir(repo)]);
    mkdirSync(path.join(this.workRoot, repo), { recursive: true });
    return this.commit(repo, files, 'initial commit');
  }

  /** Writes (string) or deletes (null) files in the work tree and commits them on HEAD's branch. */
  commit(repo: string, files: Record<string, string | null>, message = 'update'): string {
    const work = path.join(this.workRoot, repo);
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(work, name);
      if (content === null) rmSync(file, { force: true, recursive: true });
      else {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    }
    const base = ['--git-dir', this.gitDir(repo), '--work-tree', work];
    git([...base, 'add', '--all', '.'], work);
    git([...base, ...GIT_IDENTITY, 'commit', '--quiet', '--allow-empty', '-m', message], work);
    return git([...base, 'rev-parse', 'HEAD']);
  }

  /** Points `refs/heads/<branch>` (or a tag) at a commit. */
  branch(repo: string, name: string, commit: string): void {
    git(['--git-dir', this.gitDir(repo), 'update-ref', `refs/heads/${name}`, commit]);
  }

  tag(repo: string, name: string, commit: string): void {
    git(['--git-dir', this.gitDir(repo), 'update-ref', `refs/tags/${name}`, commit]);
  }

  head(repo: string): string {
    return git(['--git-dir', this.gitDir(repo), 'rev-parse', 'HEAD']);
  }

  dispose(): void {
    rmSync(path.dirname(this.root), { recursive: true, force: true });
  }
}

function unauthorized(res: ServerResponse): void {
  res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
  res.end();
}

function authorized(req: IncomingMessage, auth: GitServerOptions['auth']): boolean {
  if (!auth) return true;
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${auth.username}:${auth.password}`;
}

/** Runs `git http-backend` for one request and relays its CGI response. */
function serveCgi(root: string, req: IncomingMessage, res: ServerResponse, user?: string): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;
  if (user) env.REMOTE_USER = user;

  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    let end = head.indexOf('\r\n\r\n');
    let separator = 4;
    if (end < 0) {
      end = head.indexOf('\n\n');
      separator = 2;
    }
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + separator));
  });
  child.on('close', () => {
    if (!headersDone) res.writeHead(502).end();
    else res.end();
  });
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
}

/** Serves every repository of `repos` at `http://127.0.0.1:<port>/<name>.git`. */
export async function startGitServer(repos: GitRepos, options: GitServerOptions = {}): Promise<GitServer> {
  const server: Server = createServer((req, res) => {
    if (!authorized(req, options.auth)) {
      req.resume();
      unauthorized(res);
      return;
    }
    serveCgi(repos.root, req, res, options.auth?.username);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    url: (repo) => `${baseUrl}/${repo}.git`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
