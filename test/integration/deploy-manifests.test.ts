/**
 * The deployment in deploy/ and the Dockerfile, checked without Docker or a real cluster: every
 * manifest parses, the names that tie them together agree, the ClusterRole cannot write, the
 * pods are locked down, `kubectl kustomize` renders the set, and the embedded cluster accepts
 * (server-side dry run) the kinds it serves.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';

import { REPO_ROOT, startTestCluster, temporaryDirectory, type InProcessCluster } from '../support/embedded-cluster';

const run = promisify(execFile);
const CONFIG_URL = pathToFileURL(path.join(REPO_ROOT, 'next.config.js')).href;
const DEPLOY = path.join(REPO_ROOT, 'deploy');

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

function parseFile(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.map((doc) => {
    expect(doc.errors, file).toEqual([]);
    return doc.toJS() as Manifest;
  }).filter(Boolean);
}

const kustomization = parseFile(path.join(DEPLOY, 'kustomization.yaml'))[0] as any;
const resources: Manifest[] = (kustomization.resources as string[]).flatMap((file) => parseFile(path.join(DEPLOY, file)));
const one = (kind: string): Manifest => {
  const found = resources.filter((m) => m.kind === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

const deployment = one('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const envOf = (name: string) => (container.env as any[]).find((e) => e.name === name);

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', '*'];
/** Creating these stores nothing: the API server answers a question and forgets it. */
const REVIEWS = new Set(['tokenreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);

describe('deploy/ manifests', () => {
  it('every YAML file in deploy/ parses, and the kustomization lists files that exist', () => {
    const files = readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(expect.arrayContaining(['kustomization.yaml', 'deployment.yaml', 'service.yaml', 'clusterrole.yaml', 'ingress.example.yaml']));
    for (const file of files) {
      for (const manifest of parseFile(path.join(DEPLOY, file))) {
        expect(manifest.apiVersion, file).toBeTruthy();
        expect(manifest.kind, file).toBeTruthy();
      }
    }
    for (const file of kustomization.resources as string[]) expect(existsSync(path.join(DEPLOY, file)), file).toBe(true);
    expect(kustomization.namespace).toBe('fleet-deck');
    expect(one('Namespace').metadata.name).toBe('fleet-deck');
    for (const m of resources.filter((r) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(r.kind))) {
      expect(m.metadata.namespace, `${m.kind}/${m.metadata.name}`).toBe('fleet-deck');
    }
  });

  it('the service account is the one the Deployment runs as and the binding grants', () => {
    const account = one('ServiceAccount');
    const binding = one('ClusterRoleBinding');
    expect(pod.serviceAccountName).toBe(account.metadata.name);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account.metadata.name, namespace: 'fleet-deck' }]);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: one('ClusterRole').metadata.name });
  });

  it('the ClusterRole reads Fleet objects and namespaces, answers reviews, and can write nothing', () => {
    const rules = one('ClusterRole').rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    const allows = (group: string, resource: string, verb: string) =>
      rules.some((r) => r.apiGroups.includes(group) && (r.resources.includes(resource) || r.resources.includes('*')) && (r.verbs.includes(verb) || r.verbs.includes('*')));
    for (const verb of ['get', 'list', 'watch']) {
      for (const resource of ['gitrepos', 'clusters', 'clustergroups', 'bundles', 'bundledeployments']) expect(allows('fleet.cattle.io', resource, verb), `${verb} ${resource}`).toBe(true);
      expect(allows('', 'namespaces', verb)).toBe(true);
      expect(allows('management.cattle.io', 'fleetworkspaces', verb)).toBe(true);
    }
    expect(allows('authentication.k8s.io', 'tokenreviews', 'create')).toBe(true);
    for (const rule of rules) {
      expect(rule.apiGroups, 'no wildcard API groups').not.toContain('*');
      expect(rule.verbs, 'no wildcard verbs').not.toContain('*');
      const writes = rule.verbs.filter((v) => WRITE_VERBS.includes(v));
      if (writes.length > 0) {
        expect(writes, JSON.stringify(rule)).toEqual(['create']);
        for (const resource of rule.resources) expect(REVIEWS.has(resource), `create ${resource}`).toBe(true);
      }
      // Not even read access to Secrets: they hold Git credentials.
      expect(rule.resources).not.toContain('secrets');
      if (rule.apiGroups.includes('')) expect(rule.resources).not.toContain('*');
    }
    expect(one('ClusterRoleBinding').roleRef.name).not.toBe('cluster-admin');
  });

  it('the session key comes from the generated Secret, under the key the env file provides', () => {
    const generator = (kustomization.secretGenerator as any[]).find((g) => g.name === envOf('FLEET_DECK_SESSION_SECRET').valueFrom.secretKeyRef.name);
    expect(generator, 'a secretGenerator named like the secretKeyRef').toBeTruthy();
    const example = readFileSync(path.join(DEPLOY, `${generator.envs[0]}.example`), 'utf8');
    const keys = example.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('=')[0]);
    expect(keys).toEqual([envOf('FLEET_DECK_SESSION_SECRET').valueFrom.secretKeyRef.key]);
    // The real key file is never committed.
    expect(readFileSync(path.join(DEPLOY, '.gitignore'), 'utf8')).toMatch(/^session\.env$/m);
    expect(envOf('FLEET_DECK_AUTH').value).toBe('token');
  });

  it('Service and PodDisruptionBudget select the pods, on the port the container listens on', () => {
    const labels = deployment.spec.template.metadata.labels;
    for (const [key, value] of Object.entries(deployment.spec.selector.matchLabels)) expect(labels[key], key).toBe(value);
    const service = one('Service');
    for (const [key, value] of Object.entries(service.spec.selector)) expect(labels[key], `Service selector ${key}`).toBe(value);
    for (const [key, value] of Object.entries(one('PodDisruptionBudget').spec.selector.matchLabels)) expect(labels[key], `PDB selector ${key}`).toBe(value);
    const port = (container.ports as any[]).find((p) => p.name === service.spec.ports[0].targetPort);
    expect(port, 'the Service targets a named container port').toBeTruthy();
    expect(String(port.containerPort)).toBe(envOf('PORT').value);
    expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(new RegExp(`^EXPOSE ${port.containerPort}$`, 'm'));
    const ingress = parseFile(path.join(DEPLOY, 'ingress.example.yaml'))[0]!;
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(backend.port.name).toBe(service.spec.ports[0].name);
  });

  it('probes hit the health routes that exist in app/api, on the container port', () => {
    const probes = { startupProbe: '/api/healthz', livenessProbe: '/api/healthz', readinessProbe: '/api/readyz' } as const;
    for (const [probe, expected] of Object.entries(probes)) {
      const { path: probePath, port } = container[probe].httpGet;
      expect(probePath, probe).toBe(expected);
      expect(existsSync(path.join(REPO_ROOT, 'app', probePath, 'route.ts')), `${probePath} is a route`).toBe(true);
      expect((container.ports as any[]).some((p) => p.name === port || p.containerPort === port), `${probe} port`).toBe(true);
    }
  });

  it('two replicas, locked down: non-root, read-only root, no capabilities, RuntimeDefault seccomp, limits', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.securityContext.capabilities.add).toBeUndefined();
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toBeTruthy();
    // Writable places: /tmp and Next's cache, both emptyDirs.
    const mounts: Record<string, string> = Object.fromEntries((container.volumeMounts as { mountPath: string; name: string }[]).map((m) => [m.mountPath, m.name]));
    expect(Object.keys(mounts).sort()).toEqual(['/app/.next/cache', '/tmp']);
    for (const name of Object.values(mounts)) expect((pod.volumes as any[]).find((v) => v.name === name)?.emptyDir, name).toBeTruthy();
    // The kubelet's HOSTNAME (the pod name) would make Next listen on the pod IP only.
    expect(envOf('HOSTNAME').value).toBe('0.0.0.0');
    expect(pod.hostNetwork).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const instructions = dockerfile.split('\n').filter((l) => /^[A-Z]+\s/.test(l));

  it('builds the standalone output with npm ci and runs its server as a numeric non-root user', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/FLEET_DECK_STANDALONE=1/);
    expect(dockerfile).toMatch(/COPY --from=build .*\/app\/\.next\/standalone \.\//);
    expect(dockerfile).toMatch(/COPY --from=build .*\/app\/\.next\/static \.\/\.next\/static/);
    expect(dockerfile).toMatch(/COPY --from=build .*\/app\/public \.\/public/);
    expect(instructions.at(-1)).toBe('CMD ["node", "server.js"]');
    const users = instructions.filter((l) => l.startsWith('USER '));
    expect(users).toHaveLength(1);
    const uid = /^USER (\d+)(?::\d+)?$/.exec(users[0]!)?.[1];
    expect(Number(uid), 'numeric, non-zero uid').toBeGreaterThan(0);
    // The Deployment runs as the same user the image was built for.
    expect(pod.securityContext.runAsUser).toBe(Number(uid));
    expect(dockerfile).toMatch(/HOSTNAME=0\.0\.0\.0/);
    expect(dockerfile).toMatch(/HEALTHCHECK .*\/api\/healthz/s);
    expect((dockerfile.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('next.config.js builds standalone output only when FLEET_DECK_STANDALONE=1', async () => {
    const saved = process.env.FLEET_DECK_STANDALONE;
    try {
      delete process.env.FLEET_DECK_STANDALONE;
      const plain = (await import(/* @vite-ignore */ `${CONFIG_URL}?plain=${Date.now()}`)).default;
      expect(plain.output).toBeUndefined();
      process.env.FLEET_DECK_STANDALONE = '1';
      const standalone = (await import(/* @vite-ignore */ `${CONFIG_URL}?standalone=${Date.now()}`)).default;
      expect(standalone.output).toBe('standalone');
    } finally {
      if (saved === undefined) delete process.env.FLEET_DECK_STANDALONE;
      else process.env.FLEET_DECK_STANDALONE = saved;
    }
  });

  it('.dockerignore keeps local state, builds and secrets out of the image', () => {
    const ignored = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.next', '.fleet-deck', '.git', '.env*', 'deploy/session.env']) expect(ignored, entry).toContain(entry);
  });
});

describe('kubectl', () => {
  let cluster: InProcessCluster;
  let rendered: Manifest[];
  let dir: string;

  beforeAll(async () => {
    dir = temporaryDirectory('fleet-deck-deploy-');
    cpSync(DEPLOY, path.join(dir, 'deploy'), { recursive: true });
    writeFileSync(path.join(dir, 'deploy', 'session.env'), 'FLEET_DECK_SESSION_SECRET=test-only-0123456789abcdef0123456789abcdef\n');
    const { stdout } = await run('kubectl', ['kustomize', path.join(dir, 'deploy')], { maxBuffer: 10_000_000 });
    writeFileSync(path.join(dir, 'rendered.yaml'), stdout);
    rendered = parseAllDocuments(stdout).map((d) => d.toJS() as Manifest);
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('kustomize renders every resource, with the generated Secret wired into the Deployment', () => {
    expect(rendered.map((m) => m.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'Deployment', 'Namespace', 'PodDisruptionBudget', 'Secret', 'Service', 'ServiceAccount']);
    const secret = rendered.find((m) => m.kind === 'Secret')!;
    expect(secret.metadata.name).toMatch(/^fleet-deck-session-[a-z0-9]+$/);
    expect(secret.metadata.namespace).toBe('fleet-deck');
    const renderedDeployment = rendered.find((m) => m.kind === 'Deployment')!;
    const ref = renderedDeployment.spec.template.spec.containers[0].env.find((e: any) => e.name === 'FLEET_DECK_SESSION_SECRET').valueFrom.secretKeyRef;
    expect(ref.name).toBe(secret.metadata.name);
    expect(Object.keys(secret.data)).toEqual([ref.key]);
  });

  it('the embedded cluster accepts the kinds it serves in a server-side dry run', async () => {
    const { stdout: served } = await run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, 'api-resources', '-o', 'name']);
    const servedNames = new Set(served.split('\n').filter(Boolean));
    const plural: Record<string, string> = {
      Namespace: 'namespaces',
      Secret: 'secrets',
      ServiceAccount: 'serviceaccounts',
      ClusterRole: 'clusterroles.rbac.authorization.k8s.io',
      ClusterRoleBinding: 'clusterrolebindings.rbac.authorization.k8s.io',
      Deployment: 'deployments.apps',
      Service: 'services',
      PodDisruptionBudget: 'poddisruptionbudgets.policy',
    };
    const accepted = rendered.filter((m) => servedNames.has(plural[m.kind]!));
    // At least the Namespace and the Secret; the RBAC kinds too once the cluster serves them.
    expect(accepted.map((m) => m.kind)).toEqual(expect.arrayContaining(['Namespace', 'Secret']));
    // As on a real API server, a dry-run Namespace is not there for the namespaced objects after
    // it, so the Namespace is created for real first (the cluster is this test's own).
    await run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, 'create', 'namespace', 'fleet-deck']);
    const file = path.join(dir, 'served.yaml');
    writeFileSync(file, accepted.map((m) => stringify(m)).join('---\n'));
    const { stdout } = await run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, 'apply', '--dry-run=server', '-f', file]);
    for (const m of accepted) expect(stdout).toContain(`${m.metadata.name}`);
    expect(stdout).toMatch(/\(server dry run\)/);
    // Nothing was stored by the dry run.
    const secret = accepted.find((m) => m.kind === 'Secret')!;
    await expect(run('kubectl', ['--kubeconfig', cluster.kubeconfigPath, '-n', 'fleet-deck', 'get', 'secret', secret.metadata.name])).rejects.toThrow(/NotFound|not found/);
    console.info(`server-side dry run accepted: ${accepted.map((m) => m.kind).join(', ')}; not served by the embedded cluster: ${rendered.filter((m) => !accepted.includes(m)).map((m) => m.kind).join(', ')}`);
  });
});
