import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ControllerClient } from '../controllers/client';
import { seedSimulatedClusters } from '../controllers/simulate';

const APPS_DIR = fileURLToPath(new URL('./apps', import.meta.url));
const DEMO_FLAG = 'demo-seeded';

export interface DemoOptions {
  dataDir: string;
  /** Simulated clusters in fleet-default (default 48; with fleet-local's `local`, about 50). */
  clusters?: number;
  log?: (line: string) => void;
}

/**
 * The first-start demo: a local Git repository made from the example apps in ./apps, about 50
 * simulated clusters with realistic labels, a few cluster groups, and GitRepos of every style —
 * including one cluster that drifts and one that fails to apply, so every page has something
 * true to show. Runs once per data directory.
 */
export async function seedDemo(client: ControllerClient, options: DemoOptions): Promise<void> {
  const store = client.registry.store;
  if (store.getMeta(DEMO_FLAG) === 'true') return;
  const log = options.log ?? (() => {});
  const repoUrl = createExamplesRepository(path.join(options.dataDir, 'demo-git', 'fleet-deck-examples'));

  const { names } = await seedSimulatedClusters(client, { namespace: 'fleet-default', count: options.clusters ?? 48, seed: 7 });
  const [drifting, failing] = [names[3], names[11]];
  if (drifting) annotate(client, drifting, 'fleet-deck.dev/simulate-drift', 'podinfo-podinfo-kustomize:*');
  if (failing) annotate(client, failing, 'fleet-deck.dev/simulate-apply-error', 'admission webhook "validate.kyverno.svc" denied the request: image tag "latest" is not allowed');

  for (const group of [
    { name: 'production', description: 'Every production cluster', selector: { matchLabels: { env: 'prod' } } },
    { name: 'staging', description: 'Staging clusters', selector: { matchLabels: { env: 'staging' } } },
    { name: 'edge', description: 'Small k3s clusters at the edge', selector: { matchLabels: { 'provider.cattle.io': 'k3s' } } },
  ]) {
    createIfMissing(client, 'clustergroups', {
      metadata: { name: group.name, namespace: 'fleet-default', annotations: { 'field.cattle.io/description': group.description } },
      spec: { selector: group.selector },
    });
  }

  const gitRepos = [
    { namespace: 'fleet-local', name: 'guestbook', spec: { repo: repoUrl, branch: 'main', paths: ['guestbook-manifests'] } },
    {
      namespace: 'fleet-default',
      name: 'hello',
      spec: { repo: repoUrl, branch: 'main', paths: ['hello-chart'], targets: [{ clusterGroup: 'production' }, { clusterSelector: { matchLabels: { env: 'staging' } } }] },
    },
    { namespace: 'fleet-default', name: 'podinfo', spec: { repo: repoUrl, branch: 'main', paths: ['podinfo-kustomize'], targets: [{ clusterSelector: {} }] } },
    { namespace: 'fleet-default', name: 'platform', spec: { repo: repoUrl, branch: 'main', paths: ['multi-env'], targets: [{ clusterSelector: {} }] } },
  ];
  for (const gitRepo of gitRepos) {
    createIfMissing(client, 'gitrepos', { metadata: { name: gitRepo.name, namespace: gitRepo.namespace, labels: { demo: 'true' } }, spec: gitRepo.spec });
  }
  store.setMeta(DEMO_FLAG, 'true');
  log(`Seeded the demo: ${names.length} clusters, 3 cluster groups, ${gitRepos.length} Git repos from ${repoUrl}`);
}

function annotate(client: ControllerClient, cluster: string, key: string, value: string): void {
  client.mutate('clusters', 'fleet-default', cluster, (object) => {
    object.metadata.annotations = { ...object.metadata.annotations, [key]: value };
    return object;
  });
}

function createIfMissing(client: ControllerClient, resource: 'clustergroups' | 'gitrepos', object: { metadata: { name: string; namespace: string; [key: string]: unknown }; spec: unknown }): void {
  if (!client.get(resource, object.metadata.namespace, object.metadata.name)) client.create(resource, object);
}

/** A Git repository on disk holding the example apps, served to the controllers as a file:// URL. */
function createExamplesRepository(dir: string): string {
  if (!existsSync(path.join(dir, '.git'))) {
    mkdirSync(dir, { recursive: true });
    cpSync(APPS_DIR, dir, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        stdio: 'pipe',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Fleet Deck',
          GIT_AUTHOR_EMAIL: 'demo@fleet-deck.invalid',
          GIT_COMMITTER_NAME: 'Fleet Deck',
          GIT_COMMITTER_EMAIL: 'demo@fleet-deck.invalid',
        },
      });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'Example apps for the Fleet Deck demo');
  }
  return `file://${dir}`;
}
