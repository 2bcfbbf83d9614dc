/**
 * Fleet's gitjob webhook receiver for GitHub and GitLab push events (JSON payloads).
 *
 * A push names a repository (several URL forms) and a ref; every GitRepo whose `spec.repo`
 * points at the same repository and that follows the pushed branch (or tag, for `revision`)
 * gets `status.webhookCommit` and `status.lastWebhookTime`; a GitRepo without
 * `pollingInterval` also gets `pollingInterval: 1h`, as Fleet does. The gitjob controller reacts
 * to the new `webhookCommit` by polling right away and running the job.
 *
 * Validation: GitHub's `X-Hub-Signature-256` HMAC or GitLab's `X-Gitlab-Token`, against the key
 * `github`/`gitlab` of the GitRepo's `spec.webhookSecret` Secret or, failing that, of the global
 * `cattle-fleet-system/gitjob-webhook` Secret. Without any configured secret, pushes are accepted
 * unauthenticated (deprecated in Fleet, kept for compatibility).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { FLEET_SYSTEM_NAMESPACE } from '../../../lib/fleet/labels';
import type { GitRepo } from '../../../lib/fleet/types';
import type { KubeObject } from '../../../lib/k8s/object';
import type { ControllerClient } from '../client';
import { DEFAULT_BRANCH } from './git';

export const GLOBAL_WEBHOOK_SECRET = 'gitjob-webhook';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const ZERO_COMMIT = /^0+$/;

export type WebhookProvider = 'github' | 'gitlab';

export interface PushEvent {
  provider: WebhookProvider;
  /** Every URL the payload gives for the repository. */
  repoUrls: string[];
  branch?: string;
  tag?: string;
  commit: string;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(...values: unknown[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

function header(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Which provider sent the request, from its event header. */
export function detectProvider(headers: IncomingMessage['headers']): WebhookProvider | undefined {
  if (header(headers, 'x-github-event')) return 'github';
  if (header(headers, 'x-gitlab-event')) return 'gitlab';
  return undefined;
}

/** The push in a GitHub/GitLab payload, or undefined for other events and deletions. */
export function parsePushEvent(provider: WebhookProvider, eventName: string | undefined, payload: unknown): PushEvent | undefined {
  if (!isMap(payload)) return undefined;
  const ref = typeof payload.ref === 'string' ? payload.ref : '';
  let repoUrls: string[];
  let commit: string;
  if (provider === 'github') {
    if (eventName !== 'push') return undefined;
    const repository = isMap(payload.repository) ? payload.repository : {};
    repoUrls = strings(repository.html_url, repository.clone_url, repository.ssh_url, repository.git_url, repository.svn_url, repository.url);
    commit = typeof payload.after === 'string' ? payload.after : '';
  } else {
    if (eventName !== 'Push Hook' && eventName !== 'Tag Push Hook' && payload.object_kind !== 'push' && payload.object_kind !== 'tag_push') return undefined;
    const project = isMap(payload.project) ? payload.project : {};
    const repository = isMap(payload.repository) ? payload.repository : {};
    repoUrls = strings(project.web_url, project.git_http_url, project.git_ssh_url, project.http_url, project.ssh_url, repository.homepage, repository.git_http_url, repository.git_ssh_url, repository.url);
    commit = strings(payload.checkout_sha, payload.after)[0] ?? '';
  }
  if (commit === '' || ZERO_COMMIT.test(commit) || repoUrls.length === 0) return undefined;
  const event: PushEvent = { provider, repoUrls, commit };
  if (ref.startsWith('refs/heads/')) event.branch = ref.slice('refs/heads/'.length);
  else if (ref.startsWith('refs/tags/')) event.tag = ref.slice('refs/tags/'.length);
  else return undefined;
  return event;
}

/**
 * A comparable form of a repository URL: `host[:port]/path`, lower-case, without credentials,
 * scheme, trailing `/` or `.git`. `git@host:org/repo` and `ssh://git@host/org/repo` both give
 * `host/org/repo`.
 */
export function normalizeRepoUrl(url: string): string {
  let text = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.*)$/.exec(text);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `${scp[1]}/${scp[2]}`;
  else {
    try {
      const parsed = new URL(text);
      const port = parsed.port && !['80', '443', '22'].includes(parsed.port) ? `:${parsed.port}` : '';
      text = `${parsed.hostname}${port}${parsed.pathname}`;
    } catch {
      // not a URL: compare as is
    }
  }
  return text.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '').toLowerCase();
}

/** Whether a GitRepo follows the pushed ref of the pushed repository. */
export function gitRepoMatchesPush(gitRepo: GitRepo, push: PushEvent): boolean {
  const spec = gitRepo.spec;
  if (!spec?.repo) return false;
  const target = normalizeRepoUrl(spec.repo);
  if (!push.repoUrls.some((url) => normalizeRepoUrl(url) === target)) return false;
  if (spec.branch || !spec.revision) return push.branch !== undefined && push.branch === (spec.branch || DEFAULT_BRANCH);
  return push.tag !== undefined && push.tag === spec.revision;
}

function secretKey(client: ControllerClient, namespace: string | undefined, name: string, key: string): string | undefined {
  const secret = client.get<KubeObject & { data?: Record<string, string> }>('secrets', namespace, name);
  const value = secret?.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

/** Checks a request against one secret value. */
export function verifyPush(provider: WebhookProvider, headers: IncomingMessage['headers'], body: Buffer, secret: string): boolean {
  if (provider === 'github') {
    const signature = header(headers, 'x-hub-signature-256') ?? '';
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  }
  const token = header(headers, 'x-gitlab-token') ?? '';
  return token.length === secret.length && timingSafeEqual(Buffer.from(token), Buffer.from(secret));
}

export interface WebhookResult {
  status: number;
  body: { message: string; updated?: string[] };
}

export interface WebhookReceiverOptions {
  now?: () => Date;
  log?: (line: string) => void;
}

/** Handles one webhook request body; exposed for tests and for other HTTP front ends. */
export function handleWebhook(client: ControllerClient, headers: IncomingMessage['headers'], body: Buffer, options: WebhookReceiverOptions = {}): WebhookResult {
  const now = options.now ?? (() => new Date());
  const provider = detectProvider(headers);
  if (!provider) return { status: 400, body: { message: 'unsupported webhook: no GitHub or GitLab event header' } };
  const eventName = header(headers, provider === 'github' ? 'x-github-event' : 'x-gitlab-event');
  if (provider === 'github' && eventName === 'ping') return { status: 200, body: { message: 'pong' } };
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return { status: 400, body: { message: 'webhook payload is not JSON' } };
  }
  const push = parsePushEvent(provider, eventName, payload);
  if (!push) return { status: 200, body: { message: `ignored ${provider} event ${eventName ?? ''}`.trim(), updated: [] } };

  const globalSecret = secretKey(client, FLEET_SYSTEM_NAMESPACE, GLOBAL_WEBHOOK_SECRET, provider);
  const updated: string[] = [];
  let rejected = 0;
  const timestamp = now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const gitRepo of client.list<GitRepo>('gitrepos')) {
    if (!gitRepoMatchesPush(gitRepo, push) || gitRepo.metadata.deletionTimestamp) continue;
    const perRepo = gitRepo.spec?.webhookSecret ? secretKey(client, gitRepo.metadata.namespace, gitRepo.spec.webhookSecret, provider) : undefined;
    const secret = perRepo ?? globalSecret;
    if (secret !== undefined && !verifyPush(provider, headers, body, secret)) {
      rejected += 1;
      continue;
    }
    const { namespace, name } = gitRepo.metadata;
    client.mutate<GitRepo>(
      'gitrepos',
      namespace,
      name,
      (current) => ({ ...current, status: { readyClusters: 0, desiredReadyClusters: 0, ...current.status, webhookCommit: push.commit, lastWebhookTime: timestamp } }),
      { status: true },
    );
    if (!gitRepo.spec?.pollingInterval) {
      client.mutate<GitRepo>('gitrepos', namespace, name, (current) =>
        current.spec?.pollingInterval ? undefined : { ...current, spec: { ...current.spec!, pollingInterval: '1h' } },
      );
    }
    updated.push(`${namespace}/${name}`);
  }
  if (updated.length === 0 && rejected > 0) return { status: 401, body: { message: 'webhook signature or token does not match', updated } };
  options.log?.(`gitjob webhook: ${provider} push ${push.commit} → ${updated.join(', ') || 'no GitRepo'}`);
  return { status: 200, body: { message: `${updated.length} GitRepo(s) updated`, updated } };
}

/** An HTTP handler (`POST` only) around {@link handleWebhook}. */
export function createWebhookHandler(client: ControllerClient, options: WebhookReceiverOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const reply = (status: number, body: WebhookResult['body']) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') {
      reply(405, { message: 'method not allowed' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reply(413, { message: 'payload too large' });
        return;
      }
      try {
        const result = handleWebhook(client, req.headers, Buffer.concat(chunks), options);
        reply(result.status, result.body);
      } catch (error) {
        reply(500, { message: error instanceof Error ? error.message : String(error) });
      }
    });
  };
}
