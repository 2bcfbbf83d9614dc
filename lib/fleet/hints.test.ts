import { describe, expect, it } from 'vitest';

import { gitRepoEditHref, troubleshootingHints, type HintInput } from './hints';

const ids = (input: Partial<HintInput> & { messages: string[] }) => troubleshootingHints({ kind: 'gitrepos', state: 'Error', ...input }).map((hint) => hint.id);

describe('troubleshootingHints', () => {
  it.each([
    ["fatal: Authentication failed for 'http://127.0.0.1:4000/app.git/'", 'auth-failed'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'auth-failed'],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'unknown-host-key'],
    ['ssh: handshake failed: knownhosts: key is unknown', 'unknown-host-key'],
    ['branch "mian" not found: couldn\'t find remote ref refs/heads/mian', 'branch-not-found'],
    ['failed to process bundle: reading fleet.yaml: yaml: line 3: mapping values are not allowed in this context', 'invalid-fleet-yaml'],
    ['disallowed targetNamespace kube-system: not in allowedTargetNamespaces', 'restriction-denied'],
    ['failed to look up clientSecretName: secrets "git-auth" not found', 'missing-secret'],
  ])('recognises %j', (message, id) => {
    expect(ids({ messages: [message] })).toEqual([id]);
  });

  it('points auth failures at the credentials field of the edit page', () => {
    const [hint] = troubleshootingHints({ kind: 'gitrepos', state: 'Error', messages: ['fatal: Authentication failed'] });
    expect(hint?.fix).toEqual({ kind: 'gitrepo-edit', field: 'clientSecretName' });
    expect(gitRepoEditHref('fleet-default', 'app', hint?.fix.kind === 'gitrepo-edit' ? hint.fix.field : undefined)).toBe('/w/fleet-default/gitrepos/app/edit?field=clientSecretName');
  });

  it('knows a repo without targets and an offline cluster by their state', () => {
    expect(ids({ state: 'NoTargets', messages: [] })).toEqual(['no-matching-clusters']);
    const offline = troubleshootingHints({ kind: 'clusters', state: 'WaitCheckIn', messages: [] });
    expect(offline.map((hint) => hint.id)).toEqual(['cluster-offline']);
    expect(offline[0]?.fix).toEqual({ kind: 'cluster' });
  });

  it('gives no hint for an unknown failure, nor a git hint on a cluster', () => {
    expect(ids({ messages: ['something odd happened'] })).toEqual([]);
    expect(troubleshootingHints({ kind: 'clusters', state: 'ErrApplied', messages: ['fatal: Authentication failed'] })).toEqual([]);
  });
});
