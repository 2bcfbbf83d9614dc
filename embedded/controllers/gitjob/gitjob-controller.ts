/**
 * The gitjob controller: what Fleet's gitjob reconciler, poller and git Job do, in process.
 *
 * For each GitRepo it adds the `fleet.cattle.io/gitrepo-finalizer`, applies GitRepoRestrictions
 * (`Accepted`), polls the repository with `git ls-remote` every `pollingInterval` (`GitPolling`,
 * `pollingCommit`, `lastPollingTriggered`), and when the commit, `generation` or
 * `forceSyncGeneration` changes it runs the "job": checkout, read bundles, write Bundles, prune.
 * The job's kstatus shows as `gitJobStatus` and `Reconciling`/`Stalled`; a failed job also sets
 * `Ready=False` with git's (or the bundle reader's) error text and is retried on the polling
 * interval. On deletion the repository's Bundles are deleted and the finalizer goes once they
 * are gone.
 *
 * Only the status fields this controller owns are written (`commit`, `pollingCommit`,
 * `lastPollingTriggered`, `gitJobStatus`, `observedGeneration`, `updateGeneration`, conditions
 * `Accepted`, `GitPolling`, `Reconciling`, `Stalled`, and `Ready` for job failures), each time
 * through a read-modify-write of the status subresource, so the status rollup's fields survive.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';

import { GITREPO_FINALIZER, REPO_LABEL } from '../../../lib/fleet/labels';
import { evaluateRestrictions } from '../../../lib/fleet/targeting';
import { errorText, findCondition, setCondition } from '../../../lib/fleet/state';
import type { Condition, GitRepo, GitRepoRestriction, GitRepoStatus } from '../../../lib/fleet/types';
import { parseGoDuration } from '../../../lib/k8s/duration';
import type { ChangeEvent } from '../../apiserver/object-store';
import type { ControllerClient } from '../client';
import { createEventRecorder, type EventRecorder } from '../events';
import type { Controller, ReconcileResult } from '../runtime';
import { splitKey } from '../runtime';
import { applyBundles, BundleApplyError, deleteRepoBundles } from './apply-bundles';
import { readBundles, type BundleDraft } from './bundle-reader';
import { MissingSecretError, resolveCredentials, type ResolvedCredentials } from './credentials';
import * as gitOps from './git';

export const GITJOB_CONTROLLER_NAME = 'gitjob';

/** Fleet's default `pollingInterval`. */
export const DEFAULT_POLLING_INTERVAL_MS = 15_000;

/** The git functions the controller uses (replaceable in tests). */
export interface GitOperations {
  resolveCommit: typeof gitOps.resolveCommit;
  checkout: typeof gitOps.checkout;
}

export interface GitJobControllerOptions {
  /** The cluster's data directory; checkouts are cached under `<dataDir>/gitjob/`. */
  dataDir: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Random extra delay before each poll, as a fraction of the interval (default 0.1). */
  pollJitter?: number;
  /** How many GitRepos are worked on at once (default 4). */
  concurrency?: number;
  events?: EventRecorder;
  git?: GitOperations;
}

export interface GitJobController extends Controller {
  /** Where a GitRepo's checkout is cached. */
  checkoutDir(namespace: string, name: string): string;
}

/** What this process remembers about one GitRepo between reconciles. */
interface RepoMemory {
  uid: string;
  lastPollAt?: number;
  polledGeneration?: number;
  polledForceSync?: number;
  polledSecretVersion?: string;
  handledWebhookCommit?: string;
  polledCommit?: string;
  pollError?: string;
  /** Signature of the inputs of the last job started. */
  jobInputs?: string;
  acceptedMessage?: string;
}

/** `spec.pollingInterval` in ms (unset, invalid or 0 ⇒ 15 s). */
export function pollingIntervalMs(value: string | undefined): number {
  if (!value) return DEFAULT_POLLING_INTERVAL_MS;
  const ms = parseGoDuration(value);
  return ms === null || ms <= 0 ? DEFAULT_POLLING_INTERVAL_MS : ms;
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** GitRepo changes that matter here (status writes by the rollup controller do not). */
function gitRepoChanged(event: ChangeEvent): boolean {
  const previous = event.previous?.object as GitRepo | undefined;
  const current = event.current.object as GitRepo;
  if (event.type !== 'MODIFIED' || !previous) return true;
  return (
    previous.metadata.generation !== current.metadata.generation ||
    previous.metadata.deletionTimestamp !== current.metadata.deletionTimestamp ||
    JSON.stringify(previous.metadata.finalizers ?? []) !== JSON.stringify(current.metadata.finalizers ?? []) ||
    JSON.stringify(previous.metadata.labels ?? {}) !== JSON.stringify(current.metadata.labels ?? {}) ||
    previous.status?.webhookCommit !== current.status?.webhookCommit
  );
}

export function createGitJobController(client: ControllerClient, options: GitJobControllerOptions): GitJobController {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const jitter = options.pollJitter ?? 0.1;
  const git: GitOperations = options.git ?? { resolveCommit: gitOps.resolveCommit, checkout: gitOps.checkout };
  const events = options.events ?? createEventRecorder(client, 'gitjob', { now });
  const memory = new Map<string, RepoMemory>();
  const cacheRoot = path.join(options.dataDir, 'gitjob');

  const checkoutDir = (namespace: string, name: string) => path.join(cacheRoot, namespace, name);

  const remember = (key: string, uid: string): RepoMemory => {
    let entry = memory.get(key);
    if (!entry || entry.uid !== uid) {
      entry = { uid };
      memory.set(key, entry);
    }
    return entry;
  };

  /** Read-modify-write of this controller's status fields; skipped when nothing changes. */
  const writeStatus = (gitRepo: GitRepo, change: (status: GitRepoStatus, at: Date) => void) => {
    const { namespace, name, uid } = gitRepo.metadata;
    return client.mutate<GitRepo>(
      'gitrepos',
      namespace,
      name,
      (current) => {
        if (current.metadata.uid !== uid) return undefined;
        const before = JSON.stringify(current.status ?? null);
        const status: GitRepoStatus = { readyClusters: 0, desiredReadyClusters: 0, ...(current.status ?? {}) };
        change(status, now());
        if (JSON.stringify(status) === before) return undefined;
        return { ...current, status };
      },
      { status: true },
    );
  };

  const condition = (status: GitRepoStatus, at: Date, update: Condition) => {
    status.conditions = setCondition(status.conditions, update, at);
  };

  const removeCondition = (status: GitRepoStatus, type: string) => {
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
  };

  /** Marks the job failed: `Stalled=True`, `Ready=False` with the error, kstatus `Failed`. */
  const failJob = (gitRepo: GitRepo, message: string, reason: string, pollFields?: (status: GitRepoStatus, at: Date) => void) => {
    writeStatus(gitRepo, (status, at) => {
      pollFields?.(status, at);
      status.gitJobStatus = 'Failed';
      condition(status, at, { type: 'Reconciling', status: 'False', reason: '', message: '' });
      condition(status, at, { type: 'Stalled', status: 'True', reason: 'Stalled', message });
      condition(status, at, { type: 'Ready', status: 'False', reason: 'Error', message });
    });
    events.warning(gitRepo, reason, message);
    log(`gitjob: ${gitRepo.metadata.namespace}/${gitRepo.metadata.name}: ${message}`);
  };

  const finalize = async (gitRepo: GitRepo, key: string): Promise<ReconcileResult | void> => {
    if (!gitRepo.metadata.finalizers?.includes(GITREPO_FINALIZER)) return;
    const namespace = gitRepo.metadata.namespace!;
    const remaining = deleteRepoBundles(client, namespace, gitRepo.metadata.name);
    if (remaining > 0) return { requeueAfterMs: 500 };
    await rm(checkoutDir(namespace, gitRepo.metadata.name), { recursive: true, force: true });
    client.removeFinalizer('gitrepos', gitRepo, GITREPO_FINALIZER);
    memory.delete(key);
  };

  const reconcile = async (key: string): Promise<ReconcileResult | void> => {
    const { namespace, name } = splitKey(key);
    const gitRepo = client.get<GitRepo>('gitrepos', namespace, name);
    if (!gitRepo) {
      memory.delete(key);
      return;
    }
    if (gitRepo.metadata.deletionTimestamp) return finalize(gitRepo, key);
    client.addFinalizer('gitrepos', gitRepo, GITREPO_FINALIZER);
    const state = remember(key, gitRepo.metadata.uid ?? '');
    const spec = gitRepo.spec ?? { repo: '' };
    const interval = pollingIntervalMs(spec.pollingInterval);
    const nextPoll = () => Math.max(100, (state.lastPollAt ?? 0) + interval - now().getTime() + Math.random() * jitter * interval);

    // --- Restrictions -----------------------------------------------------------------------
    const restrictions = client.list<GitRepoRestriction>('gitreporestrictions', namespace);
    const verdict = evaluateRestrictions(gitRepo, restrictions);
    if (!verdict.accepted) {
      const message = verdict.message ?? 'GitRepo rejected by GitRepoRestriction';
      writeStatus(gitRepo, (status, at) => condition(status, at, { type: 'Accepted', status: 'False', reason: 'Error', message }));
      if (state.acceptedMessage !== message) events.warning(gitRepo, 'FailedToApplyRestrictions', message);
      state.acceptedMessage = message;
      return;
    }

    // --- Credentials ------------------------------------------------------------------------
    let credentials: ResolvedCredentials;
    try {
      credentials = resolveCredentials(client, gitRepo, verdict.effective.clientSecretName || undefined);
    } catch (error) {
      if (!(error instanceof MissingSecretError)) throw error;
      writeStatus(gitRepo, (status, at) => condition(status, at, { type: 'Accepted', status: 'False', reason: 'Error', message: error.message }));
      if (state.acceptedMessage !== error.message) events.warning(gitRepo, 'FailedValidatingSecret', error.message);
      state.acceptedMessage = error.message;
      return { requeueAfterMs: interval };
    }
    state.acceptedMessage = '';
    writeStatus(gitRepo, (status, at) => condition(status, at, { type: 'Accepted', status: 'True', reason: '', message: '' }));

    // --- Polling ----------------------------------------------------------------------------
    const status = gitRepo.status ?? ({} as Partial<GitRepoStatus>);
    const generation = gitRepo.metadata.generation ?? 0;
    const forceSync = spec.forceSyncGeneration ?? 0;
    const at = now();
    const webhookPending = !!status.webhookCommit && status.webhookCommit !== state.handledWebhookCommit;
    const inputsChanged =
      state.lastPollAt === undefined ||
      state.polledGeneration !== generation ||
      state.polledForceSync !== forceSync ||
      state.polledSecretVersion !== credentials.secretVersion;
    const intervalElapsed = state.lastPollAt !== undefined && at.getTime() - state.lastPollAt >= interval;
    const failed = status.gitJobStatus === 'Failed' || state.pollError !== undefined;
    const pollDue = inputsChanged || webhookPending || (intervalElapsed && (!spec.disablePolling || failed));

    let commit: string | undefined = state.polledCommit ?? status.pollingCommit ?? status.commit;
    let pollError: string | undefined;
    let pollFields: ((s: GitRepoStatus, when: Date) => void) | undefined;
    if (pollDue) {
      state.lastPollAt = at.getTime();
      state.polledGeneration = generation;
      state.polledForceSync = forceSync;
      state.polledSecretVersion = credentials.secretVersion;
      state.handledWebhookCommit = status.webhookCommit;
      try {
        const polled = await git.resolveCommit(spec.repo, { branch: spec.branch, revision: spec.revision }, credentials.auth);
        if (polled !== commit && polled !== status.commit) events.normal(gitRepo, 'GotNewCommit', polled);
        commit = polled;
        state.polledCommit = polled;
        state.pollError = undefined;
        pollFields = (s, when) => {
          s.pollingCommit = polled;
          s.lastPollingTriggered = rfc3339(when);
          condition(s, when, { type: 'GitPolling', status: 'True', reason: '', message: '' });
        };
      } catch (error) {
        pollError = errorText(error);
        const changed = state.pollError !== pollError;
        state.pollError = pollError;
        const message = pollError;
        pollFields = (s, when) => {
          s.lastPollingTriggered = rfc3339(when);
          condition(s, when, { type: 'GitPolling', status: 'False', reason: 'Error', message });
        };
        if (changed) log(`gitjob: ${key}: polling failed: ${pollError}`);
      }
    }

    // --- Does the job need to run? ---------------------------------------------------------
    const labels = JSON.stringify(gitRepo.metadata.labels ?? {});
    const inputs = JSON.stringify([commit, generation, forceSync, labels, credentials.secretVersion]);
    const specChanged = generation !== status.observedGeneration || forceSync !== (status.updateGeneration ?? 0);
    const current = status.gitJobStatus === 'Current';
    const jobWanted =
      commit === undefined ||
      commit !== status.commit ||
      specChanged ||
      !current ||
      (state.jobInputs !== undefined && state.jobInputs !== inputs);

    if (pollError !== undefined) {
      // Without a fresh commit the job cannot run; show the git error where the job's would be.
      if (jobWanted) failJob(gitRepo, pollError, 'FailedToCheckout', pollFields);
      else writeStatus(gitRepo, (s, when) => pollFields?.(s, when));
      return { requeueAfterMs: nextPoll() };
    }
    if (pollFields) writeStatus(gitRepo, (s, when) => pollFields?.(s, when));

    const retryDue = !current && (state.jobInputs !== inputs || pollDue);
    const runNow = commit !== undefined && jobWanted && (current || retryDue);
    if (runNow) await runJob(gitRepo, commit!, credentials, inputs, state);

    if (spec.disablePolling && client.get<GitRepo>('gitrepos', namespace, name)?.status?.gitJobStatus === 'Current') return;
    return { requeueAfterMs: nextPoll() };
  };

  const runJob = async (gitRepo: GitRepo, commit: string, credentials: ResolvedCredentials, inputs: string, state: RepoMemory) => {
    const { namespace, name } = gitRepo.metadata;
    const spec = gitRepo.spec ?? { repo: '' };
    const generation = gitRepo.metadata.generation ?? 0;
    const forceSync = spec.forceSyncGeneration ?? 0;
    state.jobInputs = inputs;

    writeStatus(gitRepo, (status, at) => {
      // A Ready=False this controller wrote for the previous (failed) job no longer applies; if
      // this job fails too it is set again, else the status rollup owns Ready from here.
      const stalled = findCondition(status.conditions, 'Stalled');
      const ready = findCondition(status.conditions, 'Ready');
      if (ready && ready.status === 'False' && stalled?.status === 'True' && ready.message === stalled.message) removeCondition(status, 'Ready');
      status.gitJobStatus = 'InProgress';
      condition(status, at, { type: 'Reconciling', status: 'True', reason: '', message: '' });
      condition(status, at, { type: 'Stalled', status: 'False', reason: '', message: '' });
    });

    const dir = checkoutDir(namespace!, name);
    try {
      await git.checkout(spec.repo, commit, dir, credentials.auth, { ref: gitOps.refToFetch({ branch: spec.branch, revision: spec.revision }) });
    } catch (error) {
      failJob(gitRepo, errorText(error), 'FailedToCheckout');
      return;
    }
    events.normal(gitRepo, 'Cloned', `${spec.repo} at ${commit}`);

    let drafts: BundleDraft[];
    try {
      const verdict = evaluateRestrictions(gitRepo, client.list<GitRepoRestriction>('gitreporestrictions', namespace));
      drafts = await readBundles(dir, gitRepo, {
        commit,
        serviceAccount: verdict.effective.serviceAccount || undefined,
        allowedTargetNamespaceSelector: verdict.allowedTargetNamespaceSelector,
      });
    } catch (error) {
      failJob(gitRepo, errorText(error), 'FailedToBuildBundles');
      return;
    }

    // The GitRepo may have gone (or been replaced) while git ran.
    const latest = client.get<GitRepo>('gitrepos', namespace, name);
    if (!latest || latest.metadata.uid !== gitRepo.metadata.uid || latest.metadata.deletionTimestamp) return;

    let applied;
    try {
      applied = applyBundles(client, gitRepo, drafts);
    } catch (error) {
      const message = error instanceof BundleApplyError ? error.message : `failed to write bundles: ${errorText(error)}`;
      failJob(gitRepo, message, 'FailedToApplyBundles');
      return;
    }
    for (const bundle of applied.created) events.normal(gitRepo, 'BundleCreated', bundle);
    for (const bundle of applied.updated) events.normal(gitRepo, 'BundleUpdated', bundle);
    for (const bundle of applied.deleted) events.normal(gitRepo, 'BundleDeleted', bundle);

    writeStatus(gitRepo, (status, at) => {
      status.commit = commit;
      status.gitJobStatus = 'Current';
      status.observedGeneration = generation;
      status.updateGeneration = forceSync;
      condition(status, at, { type: 'Reconciling', status: 'False', reason: '', message: '' });
      condition(status, at, { type: 'Stalled', status: 'False', reason: '', message: '' });
    });
  };

  const gitReposInNamespace = (namespace: string | undefined) =>
    client.list<GitRepo>('gitrepos', namespace).map((gitRepo) => keyOf(gitRepo.metadata.namespace, gitRepo.metadata.name));

  return {
    name: GITJOB_CONTROLLER_NAME,
    concurrency: options.concurrency ?? 4,
    checkoutDir,
    watches: {
      gitrepos: (event) => (gitRepoChanged(event) ? [keyOf(event.current.object.metadata.namespace, event.current.object.metadata.name)] : []),
      bundles: (event) => {
        const bundle = event.current.object;
        const repo = bundle.metadata.labels?.[REPO_LABEL];
        if (!repo) return [];
        const gone = event.type === 'DELETED' || (!!bundle.metadata.deletionTimestamp && !event.previous?.object.metadata.deletionTimestamp);
        return gone ? [keyOf(bundle.metadata.namespace, repo)] : [];
      },
      secrets: (event) => {
        const secret = event.current.object;
        return client
          .list<GitRepo>('gitrepos', secret.metadata.namespace)
          .filter((gitRepo) => (gitRepo.spec?.clientSecretName || 'gitcredential') === secret.metadata.name || !gitRepo.spec?.clientSecretName)
          .map((gitRepo) => keyOf(gitRepo.metadata.namespace, gitRepo.metadata.name));
      },
      gitreporestrictions: (event) => gitReposInNamespace(event.current.object.metadata.namespace),
    },
    initialKeys: () => gitReposInNamespace(undefined),
    reconcile,
  };
}
