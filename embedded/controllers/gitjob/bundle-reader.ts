/**
 * `fleet apply` for the embedded cluster: turns a checked-out GitRepo into Bundle drafts.
 *
 * - `spec.paths` (default: the repository root) are Go globs, leading `/` stripped, only
 *   directories kept. Each matched directory is walked (skipping `.git`): a directory with
 *   `fleet.yaml` (or `fleet.yml`) is a bundle; the root of each path is also a bundle when it, or
 *   a sub-directory without fleet.yaml, holds `*.yaml`/`*.yml` files.
 * - `spec.bundles` replaces the scan: each `{base, options}` is exactly one bundle, and `options`
 *   names a fleet.yaml-format file inside `base`.
 * - A bundle's resources are all files of its directory (hidden files and `.fleetignore`d
 *   entries skipped); bundles without resources are skipped, and if nothing is found at all the
 *   read fails with Fleet's `no resource found at the following paths to deploy: [...]`.
 *
 * Not done here (an embedded cluster has no registry access): downloading remote Helm charts,
 * OCI storage, and moving Helm values into a values Secret (`valuesHash`) — values stay in the
 * Bundle spec, as Fleet ≤ 0.11 did.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import YAML from 'yaml';
import { z } from 'zod';

import { COMMIT_LABEL, REPO_LABEL } from '../../../lib/fleet/labels';
import { bundleName } from '../../../lib/fleet/names';
import {
  bundleSpecSchema,
  bundleTargetSchema,
  gitTargetSchema,
  zodIssuesToFieldErrors,
} from '../../../lib/fleet/schemas';
import { BUNDLE_STATES } from '../../../lib/fleet/state';
import { defaultTargets, mergeValues, nameUnnamedTargets } from '../../../lib/fleet/targeting';
import type { BundleResource, BundleSpec, BundleTarget, BundleTargetRestriction, GitRepo, GitTarget, LabelSelector } from '../../../lib/fleet/types';
import { formatFieldError } from '../../../lib/k8s/field-errors';
import { globDirectories, GlobPatternError, matchPattern } from './glob';

/** A Bundle as `fleet apply` would write it, minus the namespace and owner. */
export interface BundleDraft {
  name: string;
  /** Bundle directory relative to the repository root (`.` for the root). */
  path: string;
  labels: Record<string, string>;
  spec: BundleSpec;
}

/** A repository layout or fleet.yaml problem; the message is what the GitRepo shows. */
export class BundleReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleReadError';
  }
}

export interface ReadBundlesOptions {
  /** The commit checked out (label `fleet.cattle.io/commit`). */
  commit: string;
  /** The GitRepo's effective service account (after GitRepoRestriction defaults). */
  serviceAccount?: string;
  /** From GitRepoRestrictions: checked by the agent against the downstream namespace. */
  allowedTargetNamespaceSelector?: LabelSelector;
}

/** Fleet re-reads a bundle with compressed resources when its JSON reaches this size. */
const COMPRESS_ABOVE_BYTES = 1_000_000;

const FLEET_YAML = 'fleet.yaml';
const FLEET_YML = 'fleet.yml';

/** fleet.yaml = BundleSpec + the keys only `fleet apply` reads. */
const fleetYamlSchema = bundleSpecSchema.extend({
  name: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  targetCustomizations: z.array(bundleTargetSchema).optional(),
  overrideTargets: z.array(gitTargetSchema).optional(),
  imageScans: z.array(z.looseObject({})).optional(),
});

type FleetYaml = z.infer<typeof fleetYamlSchema>;

// =================================================================================================
// Entry point
// =================================================================================================

/** Reads every bundle of a checked-out GitRepo, in the order `fleet apply` creates them. */
export async function readBundles(checkoutDir: string, gitRepo: GitRepo, options: ReadBundlesOptions): Promise<BundleDraft[]> {
  const root = path.resolve(checkoutDir);
  const spec = gitRepo.spec;
  const drafts = new Map<string, BundleDraft>();
  const add = (draft: BundleDraft | undefined) => {
    if (draft) drafts.set(draft.name, draft);
  };

  if (spec?.bundles && spec.bundles.length > 0) {
    const bases: string[] = [];
    for (const entry of spec.bundles) {
      const base = cleanRelative(entry.base ?? '.');
      bases.push(entry.base ?? '.');
      const optionsFile = entry.options?.trim() || undefined;
      add(await readBundleDir(root, base, gitRepo, options, optionsFile));
    }
    if (drafts.size === 0) throw noResources(bases);
    return [...drafts.values()];
  }

  const paths = spec?.paths && spec.paths.length > 0 ? spec.paths : ['.'];
  for (const pattern of paths) {
    const stripped = pattern.replace(/^\/+/, '');
    let matches: string[];
    try {
      matches = await globDirectories(root, cleanRelative(stripped === '' ? '.' : stripped));
    } catch (error) {
      if (error instanceof GlobPatternError) throw new BundleReadError(`invalid path glob ${pattern}: ${error.message}`);
      throw error;
    }
    for (const base of matches) {
      for (const dir of await bundleDirectories(root, base)) add(await readBundleDir(root, dir, gitRepo, options));
    }
  }
  if (drafts.size === 0) throw noResources(paths);
  return [...drafts.values()];
}

function noResources(paths: readonly string[]): BundleReadError {
  return new BundleReadError(`no resource found at the following paths to deploy: [${paths.join(' ')}]`);
}

/** A relative path that stays inside the checkout (`..` is refused). */
function cleanRelative(relative: string): string {
  const normalized = path.posix.normalize(relative.replace(/\\/g, '/').replace(/^\/+/, '') || '.');
  if (normalized === '..' || normalized.startsWith('../')) throw new BundleReadError(`path ${JSON.stringify(relative)} is outside the repository`);
  return normalized.replace(/\/+$/, '') || '.';
}

// =================================================================================================
// Which directories are bundles
// =================================================================================================

async function entriesOf(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.map((entry) => ({ name: entry.name, isDir: entry.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function hasFleetYaml(dir: string): Promise<boolean> {
  for (const name of [FLEET_YAML, FLEET_YML]) {
    try {
      if ((await stat(path.join(dir, name))).isFile()) return true;
    } catch {
      // not there
    }
  }
  return false;
}

/** True when `dir` has no fleet.yaml and it, or a sub-directory without one, has YAML files. */
async function hasResourcesWithoutFleetYaml(dir: string): Promise<boolean> {
  if (await hasFleetYaml(dir)) return false;
  for (const entry of await entriesOf(dir)) {
    if (entry.isDir) {
      if (entry.name === '.git') continue;
      if (await hasResourcesWithoutFleetYaml(path.join(dir, entry.name))) return true;
    } else if (/\.ya?ml$/.test(entry.name)) return true;
  }
  return false;
}

/** The bundle directories of one scanned path, in `filepath.Walk` order. */
async function bundleDirectories(root: string, base: string): Promise<string[]> {
  const result: string[] = [];
  const baseDir = path.join(root, base);
  if ((await hasFleetYaml(baseDir)) || (await hasResourcesWithoutFleetYaml(baseDir))) result.push(base);
  const walk = async (relative: string) => {
    for (const entry of await entriesOf(path.join(root, relative))) {
      if (!entry.isDir || entry.name === '.git') continue;
      const child = relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (await hasFleetYaml(path.join(root, child))) result.push(child);
      await walk(child);
    }
  };
  await walk(base);
  return result;
}

// =================================================================================================
// fleet.yaml
// =================================================================================================

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? text.trim();
}

/** Parses and validates a fleet.yaml-format file; `label` names it in errors. */
export function parseFleetYaml(text: string, label: string): FleetYaml {
  const fail = (detail: string) => new BundleReadError(`failed to process bundle: reading ${label}: ${detail}`);
  let parsed: unknown;
  try {
    parsed = YAML.parse(text, { prettyErrors: false });
  } catch (error) {
    throw fail(firstLine(error instanceof Error ? error.message : String(error)));
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw fail(`expected a mapping at the top level, got ${Array.isArray(parsed) ? 'a list' : typeof parsed}`);
  }
  const result = fleetYamlSchema.safeParse(parsed, { reportInput: true });
  if (!result.success) {
    const errors = zodIssuesToFieldErrors(result.error.issues).map(formatFieldError);
    throw fail([...new Set(errors)].join('; '));
  }
  const fleetYaml = result.data;
  for (const [index, dependency] of (fleetYaml.dependsOn ?? []).entries()) {
    if (!dependency.name && !dependency.selector) throw fail(`dependsOn[${index}]: must specify either 'name' or 'selector'`);
    for (const [j, state] of (dependency.acceptedStates ?? []).entries()) {
      if (!(BUNDLE_STATES as readonly string[]).includes(state)) {
        throw fail(`dependsOn[${index}].acceptedStates[${j}]: invalid state ${JSON.stringify(state)}, valid values are: [${BUNDLE_STATES.join(' ')}]`);
      }
    }
  }
  return fleetYaml;
}

async function readOptionalFile(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// =================================================================================================
// Resources
// =================================================================================================

/** The entries of every `.fleetignore` from the bundle directory down to `dir`. */
async function readFleetIgnore(dir: string): Promise<string[]> {
  const text = await readOptionalFile(path.join(dir, '.fleetignore'));
  if (!text) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/([^\\])\s+$/, '$1'))
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function isIgnored(patterns: readonly string[], name: string, isDir: boolean): boolean {
  for (const pattern of patterns) {
    const dirPattern = /^(.+)\/\*$/.exec(pattern);
    if (dirPattern) {
      if (isDir && dirPattern[1] === name) return true;
      continue;
    }
    try {
      if (matchPattern(pattern, name)) return true;
    } catch {
      // Go's filepath.Match error aborts the walk; a bad pattern simply matches nothing here.
    }
  }
  return false;
}

/** Every file under `dir` (relative `/` paths → bytes), skipping hidden and ignored entries. */
async function collectFiles(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (relative: string, inherited: readonly string[]) => {
    const absolute = relative === '' ? dir : path.join(dir, relative);
    const patterns = [...inherited, ...(await readFleetIgnore(absolute))];
    for (const entry of await entriesOf(absolute)) {
      if (entry.name.startsWith('.')) continue;
      if (isIgnored(patterns, entry.name, entry.isDir)) continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDir) await walk(child, patterns);
      else {
        const info = await stat(path.join(dir, child));
        if (info.isFile()) files.set(child, await readFile(path.join(dir, child)));
      }
    }
  };
  await walk('', []);
  return files;
}

function toResources(files: Map<string, Buffer>, compress: boolean): BundleResource[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const resources: BundleResource[] = [];
  for (const name of [...files.keys()].sort()) {
    const data = files.get(name)!;
    let text: string | undefined;
    if (!compress) {
      try {
        text = decoder.decode(data);
      } catch {
        text = undefined;
      }
    }
    resources.push(text === undefined ? { name, content: gzipSync(data).toString('base64'), encoding: 'base64+gz' } : { name, content: text });
  }
  return resources;
}

// =================================================================================================
// One bundle
// =================================================================================================

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function mergeValuesFiles(dir: string, helm: NonNullable<BundleSpec['helm']>, label: string): Promise<void> {
  if (!helm.valuesFiles || helm.valuesFiles.length === 0) return;
  let values: Record<string, unknown> = helm.values ?? {};
  for (const file of helm.valuesFiles) {
    const text = await readOptionalFile(path.join(dir, file));
    if (text === undefined) throw new BundleReadError(`failed to process bundle: reading values file: ${label}/${file}: no such file or directory`);
    let parsed: unknown;
    try {
      parsed = YAML.parse(text);
    } catch (error) {
      throw new BundleReadError(`failed to process bundle: reading values file: ${label}/${file}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
    }
    if (isPlainObject(parsed)) values = mergeValues(values, parsed);
  }
  if (Object.keys(values).length > 0) helm.values = values;
}

/** A chart `fleet apply` would download: a repo is set, or `chart` is a URL / not a local path. */
export function isRemoteChart(helm: BundleSpec['helm'], localFiles: Iterable<string>): boolean {
  if (!helm?.chart && !helm?.repo) return false;
  if (helm.repo) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(helm.chart ?? '')) return true;
  const chart = cleanChartPath(helm.chart ?? '');
  for (const name of localFiles) if (name === chart || name.startsWith(`${chart}/`)) return false;
  return true;
}

function cleanChartPath(chart: string): string {
  return path.posix.normalize(chart).replace(/^\.\//, '').replace(/\/+$/, '');
}

function targetCriteria(target: GitTarget): BundleTargetRestriction {
  const restriction: BundleTargetRestriction = {};
  if (target.name !== undefined) restriction.name = target.name;
  if (target.clusterName !== undefined) restriction.clusterName = target.clusterName;
  if (target.clusterSelector !== undefined) restriction.clusterSelector = target.clusterSelector;
  if (target.clusterGroup !== undefined) restriction.clusterGroup = target.clusterGroup;
  if (target.clusterGroupSelector !== undefined) restriction.clusterGroupSelector = target.clusterGroupSelector;
  return restriction;
}

/** Builds one bundle from `relative` (a directory of the checkout), or undefined if it has no resources. */
async function readBundleDir(
  root: string,
  relative: string,
  gitRepo: GitRepo,
  options: ReadBundlesOptions,
  optionsFile?: string,
): Promise<BundleDraft | undefined> {
  const dir = path.join(root, relative);
  try {
    if (!(await stat(dir)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }

  // fleet.yaml (or the driven-scan options file)
  let fleetYaml: FleetYaml = {};
  const ignoredFiles = new Set<string>([FLEET_YAML]);
  if (optionsFile) {
    const file = cleanRelative(optionsFile);
    const text = await readOptionalFile(path.join(dir, file));
    if (text === undefined) throw new BundleReadError(`failed to open file ${JSON.stringify(optionsFile)} in ${JSON.stringify(relative)}: no such file or directory`);
    fleetYaml = parseFleetYaml(text, `${relative === '.' ? '' : `${relative}/`}${file}`);
    ignoredFiles.add(file);
  } else {
    for (const name of [FLEET_YAML, FLEET_YML]) {
      const text = await readOptionalFile(path.join(dir, name));
      if (text === undefined) continue;
      fleetYaml = parseFleetYaml(text, relative === '.' ? name : `${relative}/${name}`);
      ignoredFiles.add(name);
      break;
    }
  }

  const {
    name: nameOverride,
    labels: fleetLabels,
    targetCustomizations,
    overrideTargets,
    imageScans: _imageScans,
    ...bundleFields
  } = fleetYaml;
  const spec: BundleSpec = structuredClone(bundleFields);

  // Targets: fleet.yaml targets + customizations (named target000…), then the GitRepo's.
  spec.targets = nameUnnamedTargets([...(spec.targets ?? []), ...(targetCustomizations ?? [])]);

  // Helm values files are merged into values and left out of the resources.
  const label = relative === '.' ? '.' : relative;
  if (spec.helm) {
    await mergeValuesFiles(dir, spec.helm, label);
    for (const file of spec.helm.valuesFiles ?? []) ignoredFiles.add(cleanRelative(file));
  }
  for (const target of spec.targets) {
    if (target.helm) {
      await mergeValuesFiles(dir, target.helm, label);
      for (const file of target.helm.valuesFiles ?? []) ignoredFiles.add(cleanRelative(file));
    }
  }

  const files = await collectFiles(dir);
  for (const name of ignoredFiles) files.delete(name);
  if (files.size === 0 && !isRemoteChart(spec.helm, files.keys())) return undefined;

  spec.resources = toResources(files, false);

  const gitSpec = gitRepo.spec ?? { repo: '' };
  const repoName = gitRepo.metadata.name;
  const bundleId = optionsFile ? path.posix.join(relative, optionsFile.replace(/\.[^./]*$/, '')) : relative;
  const name = nameOverride || bundleName(repoName, bundleId);

  const labels: Record<string, string> = {
    ...(gitRepo.metadata.labels ?? {}),
    ...(fleetLabels ?? {}),
    [REPO_LABEL]: repoName,
    [COMMIT_LABEL]: options.commit,
  };

  if (options.serviceAccount) spec.serviceAccount = options.serviceAccount;
  if (options.allowedTargetNamespaceSelector) spec.allowedTargetNamespaceSelector = options.allowedTargetNamespaceSelector;
  if (gitSpec.forceSyncGeneration) spec.forceSyncGeneration = gitSpec.forceSyncGeneration;
  else delete spec.forceSyncGeneration;

  if (overrideTargets) {
    for (const target of overrideTargets) {
      spec.targets.push(targetCriteria(target) as BundleTarget);
      spec.targetRestrictions = [...(spec.targetRestrictions ?? []), targetCriteria(target)];
    }
  } else {
    const gitTargets: GitTarget[] = gitSpec.targets && gitSpec.targets.length > 0 ? gitSpec.targets : defaultTargets();
    for (const target of gitTargets) {
      spec.targets.push(targetCriteria(target) as BundleTarget);
      spec.targetRestrictions = [...(spec.targetRestrictions ?? []), targetCriteria(target)];
    }
  }
  if (spec.targets.length === 0) spec.targets = defaultTargets() as BundleTarget[];

  if (gitSpec.targetNamespace) {
    spec.namespace = gitSpec.targetNamespace;
    for (const target of spec.targets) target.namespace = gitSpec.targetNamespace;
  }
  if (gitSpec.paused) spec.paused = true;
  if (gitSpec.keepResources) spec.keepResources = true;
  if (gitSpec.deleteNamespace) spec.deleteNamespace = true;
  if (gitSpec.correctDrift?.enabled) spec.correctDrift = { ...gitSpec.correctDrift };

  // Large bundles are stored compressed, like `fleet apply` does past ~1 MB.
  if (JSON.stringify(spec).length >= COMPRESS_ABOVE_BYTES) spec.resources = toResources(files, true);

  return { name, path: relative, labels, spec };
}
