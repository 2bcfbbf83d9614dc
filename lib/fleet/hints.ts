/**
 * Troubleshooting hints: the common causes of a failing GitRepo or Cluster recognised from the
 * state and the messages Fleet (and git) write, each saying what to change and where. Pure and
 * shared by the BFF and the browser; the UI turns `fix.target` into a link.
 */

export type HintId =
  | 'auth-failed'
  | 'unknown-host-key'
  | 'branch-not-found'
  | 'invalid-fleet-yaml'
  | 'no-matching-clusters'
  | 'cluster-offline'
  | 'restriction-denied'
  | 'missing-secret';

/** What to open to fix it: the GitRepo's edit page (at a field), or the cluster's page. */
export type HintTarget = { kind: 'gitrepo-edit'; field: string } | { kind: 'cluster' } | { kind: 'restrictions' };

export interface Hint {
  id: HintId;
  title: string;
  /** What it means and what to do, in a sentence or two. */
  detail: string;
  fix: HintTarget;
}

export interface HintInput {
  kind: 'gitrepos' | 'clusters' | 'clustergroups' | 'bundles';
  state: string;
  /** The state's message plus any condition messages worth matching. */
  messages: readonly (string | undefined)[];
}

interface Rule {
  id: HintId;
  kinds: readonly HintInput['kind'][];
  matches(text: string, state: string): boolean;
  hint: Omit<Hint, 'id'>;
}

const RULES: readonly Rule[] = [
  {
    id: 'missing-secret',
    kinds: ['gitrepos'],
    matches: (text) => /clientSecretName: secrets? "[^"]*" not found|secret "[^"]*" not found/i.test(text),
    hint: {
      title: 'The credentials Secret does not exist',
      detail: 'spec.clientSecretName names a Secret that is not in the workspace. Create it, or pick another one in the repository settings.',
      fix: { kind: 'gitrepo-edit', field: 'clientSecretName' },
    },
  },
  {
    id: 'auth-failed',
    kinds: ['gitrepos'],
    matches: (text) =>
      /authentication failed|authentication required|could not read (username|password)|terminal prompts disabled|invalid username or password|permission denied \(publickey|HTTP (Basic: )?access denied|\b401\b|unauthorized/i.test(text),
    hint: {
      title: 'Git refused the credentials',
      detail: 'The repository needs credentials and the ones Fleet used were missing or wrong (user name and password or token, or SSH key). Update the credentials Secret of this repository.',
      fix: { kind: 'gitrepo-edit', field: 'clientSecretName' },
    },
  },
  {
    id: 'unknown-host-key',
    kinds: ['gitrepos'],
    matches: (text) => /host key verification failed|knownhosts: key is unknown|key mismatch|remote host identification has changed|no matching host key|unknown host key/i.test(text),
    hint: {
      title: "The Git server's SSH host key is not trusted",
      detail: "Fleet checks SSH host keys strictly. Add the server's key (ssh-keyscan <host>) as known_hosts to the SSH credentials Secret.",
      fix: { kind: 'gitrepo-edit', field: 'clientSecretName' },
    },
  },
  {
    id: 'branch-not-found',
    kinds: ['gitrepos'],
    matches: (text) => /couldn't find remote ref|could not find remote ref|(branch|revision) "[^"]*" not found|remote branch \S+ not found|unknown revision/i.test(text),
    hint: {
      title: 'The branch or revision does not exist',
      detail: 'The repository has no such branch (or tag/commit). Check spec.branch or spec.revision for typos; Fleet defaults to master when neither is set.',
      fix: { kind: 'gitrepo-edit', field: 'branch' },
    },
  },
  {
    id: 'invalid-fleet-yaml',
    kinds: ['gitrepos', 'bundles'],
    matches: (text) => /fleet\.yaml|failed to process bundle|error converting YAML|yaml: (line \d+|unmarshal)|no resource found at the following paths|invalid path glob/i.test(text),
    hint: {
      title: 'Fleet could not read a bundle from the repository',
      detail: 'A fleet.yaml (or a values file it names) is invalid, or spec.paths points where there is nothing to deploy. Fix the file in the repository, or the paths of this GitRepo.',
      fix: { kind: 'gitrepo-edit', field: 'paths' },
    },
  },
  {
    id: 'restriction-denied',
    kinds: ['gitrepos'],
    matches: (text) => /GitRepoRestriction|disallowed (targetNamespace|serviceAccount|repo|clientSecretName)|denied, because allowed\w+ restriction/i.test(text),
    hint: {
      title: "A GitRepoRestriction of the workspace refuses this repository",
      detail: "The workspace only allows certain repositories, service accounts, target namespaces or secrets. Change this GitRepo to an allowed value, or ask an admin to widen the workspace's GitRepoRestriction.",
      fix: { kind: 'gitrepo-edit', field: 'targetNamespace' },
    },
  },
  {
    id: 'no-matching-clusters',
    kinds: ['gitrepos', 'bundles', 'clustergroups'],
    matches: (text, state) => state === 'NoTargets' || /no (matching )?clusters?( match| matched| selected)|targets no cluster|deploys to no cluster/i.test(text),
    hint: {
      title: 'No cluster matches the targets',
      detail: "Nothing is deployed because no cluster's labels match the targets (cluster name, group or selector). Fix the targets, or label the clusters you meant.",
      fix: { kind: 'gitrepo-edit', field: 'targets' },
    },
  },
  {
    id: 'cluster-offline',
    kinds: ['clusters', 'gitrepos', 'bundles', 'clustergroups'],
    matches: (text, state) => state === 'WaitCheckIn' || /WaitCheckIn|agent has not checked in|has not checked in/i.test(text),
    hint: {
      title: 'The cluster agent is not checking in',
      detail: 'The Fleet agent on the cluster has not reported (offline, or never registered), so nothing is applied there. Check that the cluster is reachable and its fleet-agent pod runs.',
      fix: { kind: 'cluster' },
    },
  },
];

/** The hints that match, in rule order, each at most once. */
export function troubleshootingHints(input: HintInput): Hint[] {
  const text = input.messages.filter(Boolean).join('\n');
  return RULES.filter((rule) => rule.kinds.includes(input.kind) && rule.matches(text, input.state)).map((rule) => ({ id: rule.id, ...rule.hint }));
}

/** The edit page of a GitRepo, at a field (the wizard focuses it). */
export function gitRepoEditHref(ws: string, name: string, field?: string): string {
  const base = `/w/${encodeURIComponent(ws)}/gitrepos/${encodeURIComponent(name)}/edit`;
  return field ? `${base}?field=${encodeURIComponent(field)}` : base;
}
