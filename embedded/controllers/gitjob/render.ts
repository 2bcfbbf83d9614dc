/**
 * What a Bundle deploys, for the simulated agents: the Kubernetes objects a real agent would
 * install, worked out without Helm.
 *
 * - Raw manifests: every `*.yaml`/`*.yml`/`*.json` (multi-document) except fleet.yaml, files
 *   under sub-directories that hold their own fleet.yaml or Chart.yaml, and `overlays/`.
 *   `yaml.overlays` apply first: `overlays/<name>/<file>` replaces `<file>`,
 *   `overlays/<name>/<x>_patch.<ext>` patches `<x>.<ext>` (JSON patch when the patch is a list,
 *   JSON merge patch otherwise — Fleet would use a strategic merge for known kinds). Files under
 *   `templates/` are rendered as chart templates.
 * - Kustomize (a `kustomization.yaml` at the root or at `kustomize.dir`): the bundle's files are
 *   written to a temporary directory and built with `kubectl kustomize`.
 * - Helm charts (a `Chart.yaml` at the root or at `helm.chart`): `templates/**` rendered with the
 *   small template subset in ./helm-template (values = chart `values.yaml` deep-merged with
 *   `helm.values`; `.Release.Name`, `.Release.Namespace`, `.Chart.*`). A template that still
 *   does not parse as YAML is skipped, sub-charts under `charts/` are not rendered, and charts
 *   from a Helm repository or OCI registry are not downloaded (that is an error).
 *
 * Namespaces: `namespace` (the GitRepo's targetNamespace or fleet.yaml `namespace`) forces every
 * object into it, and a cluster-scoped object is then an error as in Fleet; otherwise an object
 * keeps its own namespace, else gets `defaultNamespace`, else `default`.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import YAML from 'yaml';

import { helmReleaseName } from '../../../lib/fleet/names';
import { mergeValues } from '../../../lib/fleet/targeting';
import type { BundleDeploymentOptions, BundleResource, BundleSpec } from '../../../lib/fleet/types';
import { applyJsonPatch } from '../../../lib/k8s/json-patch';
import { applyMergePatch } from '../../../lib/k8s/merge-patch';
import { collectDefines, renderTemplate } from './helm-template';

export interface RenderedObject {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
  name: string;
  object: Record<string, unknown>;
}

export interface RenderContext {
  /** Bundle name: the default Helm release name (through Fleet's release-name rules) and chart name. */
  bundleName?: string;
  /** Path or name of `kubectl` (default: `kubectl` on PATH). */
  kubectl?: string;
}

/** The bundle cannot be rendered; the message is what a BundleDeployment would report. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

// =================================================================================================
// Resources
// =================================================================================================

/** Decodes `resources[]` (plain or `base64+gz`) into name → text. */
export function decodeResources(resources: readonly BundleResource[] | undefined): Map<string, string> {
  const files = new Map<string, string>();
  (resources ?? []).forEach((resource, index) => {
    const name = resource.name || `manifests/file${String(index).padStart(3, '0')}.yaml`;
    const content = resource.content ?? '';
    if (resource.encoding === 'base64+gz') files.set(name, gunzipSync(Buffer.from(content, 'base64')).toString('utf8'));
    else if (resource.encoding === 'base64') files.set(name, Buffer.from(content, 'base64').toString('utf8'));
    else files.set(name, content);
  });
  return files;
}

function cleanPath(relative: string): string {
  const normalized = path.posix.normalize(relative).replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return normalized === '.' ? '' : normalized;
}

function join(dir: string, file: string): string {
  const clean = cleanPath(dir);
  return clean === '' ? file : `${clean}/${file}`;
}

// =================================================================================================
// Parsing manifests
// =================================================================================================

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Multi-document YAML (or JSON) → objects with apiVersion and kind; `List`s are flattened. */
export function parseManifests(text: string, source: string): Record<string, unknown>[] {
  let documents: YAML.Document.Parsed[];
  try {
    documents = YAML.parseAllDocuments(text, { uniqueKeys: false });
  } catch (error) {
    throw new RenderError(`failed to parse ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const objects: Record<string, unknown>[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new RenderError(`failed to parse ${source}: ${document.errors[0]!.message.split('\n')[0]}`);
    }
    const value: unknown = document.toJS();
    const visit = (item: unknown) => {
      if (!isMap(item)) return;
      if (typeof item.kind === 'string' && item.kind.endsWith('List') && Array.isArray(item.items)) {
        item.items.forEach(visit);
        return;
      }
      if (typeof item.apiVersion === 'string' && item.apiVersion !== '' && typeof item.kind === 'string' && item.kind !== '') objects.push(item);
    };
    visit(value);
  }
  return objects;
}

function isManifestFile(name: string): boolean {
  return /\.(ya?ml|json)$/.test(name);
}

function isFleetYaml(name: string): boolean {
  const base = name.split('/').pop();
  return base === 'fleet.yaml' || base === 'fleet.yml';
}

// =================================================================================================
// Raw YAML with overlays
// =================================================================================================

function patchTarget(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  const dir = slash >= 0 ? name.slice(0, slash + 1) : '';
  const base = name.slice(slash + 1);
  return base.includes('_patch.') ? dir + base.replace('_patch.', '.') : undefined;
}

function yamlToJson(text: string, source: string): unknown {
  try {
    return YAML.parse(text) ?? {};
  } catch (error) {
    throw new RenderError(`failed to convert ${source} to json: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** `yaml.overlays`: replaces and patches files in order; `overlays/` itself is dropped. */
export function applyOverlays(files: Map<string, string>, overlays: readonly string[]): Map<string, string> {
  const result = new Map(files);
  for (const overlay of overlays) {
    const prefix = `overlays/${overlay}/`;
    for (const [name, content] of files) {
      if (!name.startsWith(prefix)) continue;
      const relative = name.slice(prefix.length);
      const target = patchTarget(relative);
      if (!target) {
        result.set(relative, content);
        continue;
      }
      const base = result.get(target);
      if (base === undefined) throw new RenderError(`failed to find base file ${target} to patch`);
      const document = yamlToJson(base, target);
      const patch = yamlToJson(content, relative);
      let patched: unknown;
      try {
        patched = Array.isArray(patch) ? applyJsonPatch(document, patch) : applyMergePatch(document, patch);
      } catch (error) {
        throw new RenderError(`failed to patch ${target}: ${error instanceof Error ? error.message : String(error)}`);
      }
      result.set(target, JSON.stringify(patched));
    }
  }
  for (const name of [...result.keys()]) if (name.startsWith('overlays/')) result.delete(name);
  return result;
}

/** The raw manifests of a bundle, after overlays (templates/ excluded; see renderTemplates). */
function rawManifestFiles(files: Map<string, string>): { manifests: [string, string][]; templates: [string, string][] } {
  const ignorePrefixes: string[] = [];
  for (const name of files.keys()) {
    if (name.includes('/') && (isFleetYaml(name) || name.endsWith('/Chart.yaml'))) ignorePrefixes.push(`${name.slice(0, name.lastIndexOf('/'))}/`);
  }
  const manifests: [string, string][] = [];
  const templates: [string, string][] = [];
  for (const name of [...files.keys()].sort()) {
    if (isFleetYaml(name) || !isManifestFile(name)) continue;
    if (ignorePrefixes.some((prefix) => name.startsWith(prefix))) continue;
    (name.startsWith('templates/') ? templates : manifests).push([name, files.get(name)!]);
  }
  return { manifests, templates };
}

// =================================================================================================
// Helm
// =================================================================================================

interface ChartInfo {
  name: string;
  version: string;
  appVersion?: string;
}

/** Renders chart templates (files relative to the chart root) into objects, skipping what does not parse. */
function renderChart(chartFiles: Map<string, string>, chart: ChartInfo, values: Record<string, unknown>, releaseName: string, namespace: string): Record<string, unknown>[] {
  const templateNames = [...chartFiles.keys()].filter((name) => name.startsWith('templates/')).sort();
  const defines = collectDefines(templateNames.filter((name) => name.endsWith('.tpl') || /\/_[^/]*$/.test(name)).map((name) => chartFiles.get(name)!));
  const root: Record<string, unknown> = {
    Values: values,
    Release: { Name: releaseName, Namespace: namespace, Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion ?? '' },
    Capabilities: { KubeVersion: { Version: 'v1.30.0', Major: '1', Minor: '30' }, APIVersions: [] },
    Template: { BasePath: `${chart.name}/templates` },
    Files: {},
  };
  const objects: Record<string, unknown>[] = [];
  for (const name of templateNames) {
    const base = name.split('/').pop() ?? '';
    if (base.startsWith('_') || !/\.(ya?ml|json)$/.test(base)) continue;
    (root.Template as Record<string, unknown>).Name = `${chart.name}/${name}`;
    try {
      const text = renderTemplate(chartFiles.get(name)!, root, defines);
      objects.push(...parseManifests(text, name));
    } catch {
      // Simplification: a template this renderer cannot handle is left out.
    }
  }
  return objects;
}

function readChartInfo(text: string, fallbackName: string): ChartInfo {
  try {
    const parsed: unknown = YAML.parse(text);
    if (isMap(parsed)) {
      return {
        name: typeof parsed.name === 'string' ? parsed.name : fallbackName,
        version: parsed.version === undefined ? '0.0.0' : String(parsed.version),
        appVersion: parsed.appVersion === undefined ? undefined : String(parsed.appVersion),
      };
    }
  } catch {
    // fall through
  }
  return { name: fallbackName, version: '0.0.0' };
}

// =================================================================================================
// Kustomize
// =================================================================================================

function run(command: string, args: string[], options: { cwd: string; timeoutMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new RenderError(`kustomize needs kubectl, which was not found (${command}): install kubectl to deploy kustomize bundles`));
        else reject(new RenderError(stderr.trim() || error.message));
        return;
      }
      resolve(stdout);
    });
  });
}

async function renderKustomize(files: Map<string, string>, dir: string, kubectl: string): Promise<Record<string, unknown>[]> {
  const work = await mkdtemp(path.join(tmpdir(), 'fleet-deck-kustomize-'));
  try {
    for (const [name, content] of files) {
      const target = path.join(work, name);
      if (!target.startsWith(work + path.sep)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const output = await run(kubectl, ['kustomize', path.join(work, dir)], { cwd: work, timeoutMs: 60_000 });
    return parseManifests(output, `kustomize build ${dir || '.'}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// =================================================================================================
// Namespaces
// =================================================================================================

/** Kinds served cluster-wide by Kubernetes (group/kind); other kinds count as namespaced. */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'policy/PodSecurityPolicy',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'cert-manager.io/ClusterIssuer',
  'fleet.cattle.io/Content',
  'management.cattle.io/FleetWorkspace',
]);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Kinds the bundle itself declares as cluster-scoped through CustomResourceDefinitions. */
function clusterScopedFromCrds(objects: readonly Record<string, unknown>[]): Set<string> {
  const result = new Set<string>();
  for (const object of objects) {
    if (object.kind !== 'CustomResourceDefinition' || !isMap(object.spec)) continue;
    const spec = object.spec;
    const names = isMap(spec.names) ? spec.names : {};
    if (spec.scope === 'Cluster' && typeof spec.group === 'string' && typeof names.kind === 'string') result.add(`${spec.group}/${names.kind}`);
  }
  return result;
}

// =================================================================================================
// Entry point
// =================================================================================================

/**
 * The objects a bundle deploys with the given (already merged) deployment options. Options
 * default to the bundle spec's own root options.
 */
export async function renderBundleObjects(
  bundleSpec: Pick<BundleSpec, 'resources'> & BundleDeploymentOptions,
  effectiveOptions?: BundleDeploymentOptions,
  context: RenderContext = {},
): Promise<RenderedObject[]> {
  const options: BundleDeploymentOptions = effectiveOptions ?? bundleSpec;
  let files = decodeResources(bundleSpec.resources);
  const helm = options.helm;
  const forcedNamespace = options.namespace || undefined;
  const releaseNamespace = forcedNamespace || options.defaultNamespace || 'default';
  const bundleName = context.bundleName ?? 'bundle';

  // Style, as Fleet determines it.
  const chartDir = helm?.chart && !/^[a-z][a-z0-9+.-]*:\/\//i.test(helm.chart) ? cleanPath(helm.chart) : '';
  const chartYaml = join(chartDir, 'Chart.yaml');
  const kustomizeDir = cleanPath(options.kustomize?.dir ?? '');
  const hasKustomization = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((file) => files.has(join(kustomizeDir, file)));
  const isHelm = files.has(chartYaml);

  if (!isHelm && (helm?.repo || (helm?.chart && !files.has(chartYaml) && !hasKustomization))) {
    const where = helm.repo ? `repo=${helm.repo} chart=${helm.chart ?? ''} version=${helm.version ?? ''}` : `chart=${helm.chart ?? ''}`;
    throw new RenderError(`helm chart download (${where}) is not supported by the embedded cluster: commit the chart to the repository instead`);
  }

  let objects: Record<string, unknown>[];
  if (isHelm) {
    const prefix = chartDir === '' ? '' : `${chartDir}/`;
    const chartFiles = new Map<string, string>();
    for (const [name, content] of files) if (name.startsWith(prefix)) chartFiles.set(name.slice(prefix.length), content);
    const chart = readChartInfo(chartFiles.get('Chart.yaml') ?? '', bundleName);
    let values: Record<string, unknown> = {};
    const defaults = chartFiles.get('values.yaml') ?? chartFiles.get('values.yml');
    if (defaults !== undefined) {
      try {
        const parsed: unknown = YAML.parse(defaults);
        if (isMap(parsed)) values = parsed;
      } catch (error) {
        throw new RenderError(`failed to parse values.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    if (helm?.values) values = mergeValues(values, helm.values);
    const releaseName = helm?.releaseName || helmReleaseName(bundleName);
    objects = renderChart(chartFiles, chart, values, releaseName, releaseNamespace);
  } else if (hasKustomization) {
    objects = await renderKustomize(files, kustomizeDir, context.kubectl ?? 'kubectl');
  } else {
    files = applyOverlays(files, options.yaml?.overlays ?? []);
    const { manifests, templates } = rawManifestFiles(files);
    objects = [];
    for (const [name, content] of manifests) objects.push(...parseManifests(content, name));
    if (templates.length > 0) {
      const chartFiles = new Map(templates);
      objects.push(...renderChart(chartFiles, { name: bundleName, version: '0.0.0' }, helm?.values ?? {}, helm?.releaseName || helmReleaseName(bundleName), releaseNamespace));
    }
  }

  const clusterScoped = clusterScopedFromCrds(objects);
  const rendered: RenderedObject[] = [];
  for (const object of objects) {
    const apiVersion = String(object.apiVersion);
    const kind = String(object.kind);
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const key = `${groupOf(apiVersion)}/${kind}`;
    const isClusterScoped = CLUSTER_SCOPED.has(key) || clusterScoped.has(key);
    let namespace: string | undefined;
    if (forcedNamespace) {
      if (isClusterScoped) {
        throw new RenderError(
          `invalid cluster scoped object [name=${name} kind=${kind} apiVersion=${apiVersion}] found. Your config uses targetNamespace or namespace and thus forbids cluster-scoped resources. If you do not intend to disallow cluster scoped resources, you could switch to defaultNamespace`,
        );
      }
      namespace = forcedNamespace;
    } else if (!isClusterScoped) {
      namespace = (typeof metadata.namespace === 'string' && metadata.namespace) || options.defaultNamespace || 'default';
    }
    const finalObject = { ...object, metadata: { ...metadata, ...(namespace ? { namespace } : {}) } };
    if (!namespace) delete (finalObject.metadata as Record<string, unknown>).namespace;
    rendered.push({ apiVersion, kind, ...(namespace ? { namespace } : {}), name, object: finalObject });
  }
  return rendered;
}
