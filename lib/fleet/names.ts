/**
 * The names Fleet derives from other names and from content: bundle names, Helm release names,
 * cluster namespaces, registered cluster names, git Job names, manifest and deployment IDs.
 *
 * Hashing uses the synchronous pure-TypeScript digests of ./digest (this module also runs in the
 * browser). All functions hash UTF-8 bytes like Go's `[]byte(s)`. Length limits and slicing work
 * on JavaScript string indices, which equal Go's byte offsets for the ASCII names Kubernetes
 * allows; callers that feed non-ASCII text get a deterministic, but not byte-identical, result.
 */
import { md5Hex, sha256Hex, utf8Bytes } from './digest';
import { encodeGoJsonLine, field, type GoType } from './go-json';
import { AGENT_BUNDLE_NAME } from './labels';
import type { BundleDeploymentOptions, BundleResource } from './types';

// =================================================================================================
// Generic building blocks (Fleet's internal/names)
// =================================================================================================

/** Fleet's (and wrangler's) limit for safe-concatenated names: the result is always < 64 chars. */
export const SAFE_CONCAT_MAX_LENGTH = 63;

/** Helm's limit for release names (`v1alpha1.MaxHelmReleaseNameLen`). */
export const MAX_HELM_RELEASE_NAME_LENGTH = 53;

/**
 * Joins `parts` with `-` and, if the result is longer than `maxLength`, cuts it and appends a
 * `-` plus a short sha256 of the full string so the result is exactly `maxLength` long:
 * `maxLength - 6` chars + `-` + 5 hex when the last kept char is `[a-z0-9]`, otherwise
 * `maxLength - 7` chars + `-` + 6 hex (so the name never has `--`-style junk before the hash).
 * With `maxLength` 63 this is exactly Fleet's/wrangler's `SafeConcatName`. Lengths below 8 leave
 * no room for a hash; the joined string is then just truncated.
 */
export function safeConcatName(maxLength: number, ...parts: string[]): string {
  const full = parts.join('-');
  if (full.length <= maxLength) return full;
  if (maxLength < 8) return full.slice(0, Math.max(0, maxLength));
  const digest = sha256Hex(full);
  const last = full.charAt(maxLength - 7);
  if (/^[a-z0-9]$/.test(last)) return `${full.slice(0, maxLength - 6)}-${digest.slice(0, 5)}`;
  return `${full.slice(0, maxLength - 7)}-${digest.slice(0, 6)}`;
}

/** Fleet's `names.KeyHash`: the first 12 hex chars of sha256 over the first 100 bytes of `text`. */
export function keyHash(text: string): string {
  return sha256Hex(utf8Bytes(text).slice(0, 100)).slice(0, 12);
}

/** Fleet's `names.Hex`: the first `length` hex chars of md5(`text`). */
export function md5Prefix(text: string, length: number): string {
  return md5Hex(text).slice(0, length);
}

/**
 * Fleet's `names.Limit`: shortens `text` to `count` chars by cutting it at `count - 6` and
 * appending `-` and 5 hex chars of md5(text). If the cut ends in `-`, the separator is dropped
 * (result `count - 1` long). A `count` of 6 or less just truncates.
 */
export function limitName(text: string, count: number): string {
  if (text.length <= count) return text;
  const hexLength = 5;
  if (count <= hexLength + 1) return text.slice(0, count);
  const keep = count - hexLength - 1;
  const separator = text.charAt(keep - 1) === '-' ? '' : '-';
  return `${text.slice(0, keep)}${separator}${md5Prefix(text, hexLength)}`;
}

const DISALLOWED_CHARS = /[^a-zA-Z0-9-]+/g;
const HAS_DISALLOWED_CHAR = /[^a-zA-Z0-9-]/;
const HELM_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Fleet's `names.HelmReleaseName`: turns any text into a valid (DNS-label, ≤ 53 chars) Helm
 * release name.
 *
 * 1. `/` becomes `-`.
 * 2. If the text now has upper-case letters or characters outside `[a-zA-Z0-9-]`, `-` plus the
 *    first 8 hex chars of md5(text) are appended (so differently cased/punctuated inputs do not
 *    collide).
 * 3. Lower-case, replace every run of invalid characters with `-`, collapse `-` runs, trim `-`.
 * 4. Shorten with {@link limitName} to 53 chars.
 * 5. If nothing valid is left, the first 24 hex chars of md5 of the original input.
 */
export function helmReleaseName(text: string): string {
  let name = text.replaceAll('/', '-');
  if (name !== name.toLowerCase() || HAS_DISALLOWED_CHAR.test(name)) {
    name = `${name}-${md5Prefix(name, 8)}`;
  }
  name = name
    .toLowerCase()
    .replace(DISALLOWED_CHARS, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .replace(/-+$/, '');
  if (HELM_RELEASE_NAME.test(name) && DNS_LABEL.test(name)) {
    return limitName(name, MAX_HELM_RELEASE_NAME_LENGTH);
  }
  return md5Prefix(text, 24);
}

/** Go's `filepath.Join` for slash paths: joins, drops empty and `.` segments, resolves `..`. */
function cleanJoin(...parts: string[]): string {
  const absolute = parts[0]?.startsWith('/') ?? false;
  const segments: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (!absolute) segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/**
 * The name `fleet apply` gives a bundle found at `relativeDir` (relative to the repository root)
 * of GitRepo `gitRepoName`, when fleet.yaml has no `name`: `helmReleaseName("<repo>/<dir>")`.
 * The root (`.`, `''`, `/`) yields the GitRepo name alone (run through the same rules).
 *
 * @example bundleName('simple', 'simple') === 'simple-simple'
 * @example bundleName('opni-fleet-examples', 'fleets/opni-ui-plugin-operator-crd') === 'opni-fleet-examples-fleets-opni-ui-plugin-opera-021f7'
 */
export function bundleName(gitRepoName: string, relativeDir: string): string {
  const dir = cleanJoin(relativeDir.replace(/^\/+/, ''));
  return helmReleaseName(dir === '.' ? gitRepoName : cleanJoin(gitRepoName, dir));
}

// =================================================================================================
// Cluster-related names
// =================================================================================================

/**
 * The namespace holding a Cluster's BundleDeployments (`status.namespace`):
 * `cluster-<ns>-<name>-<keyHash("<ns>::<name>")>`, safe-concatenated to < 64 chars.
 *
 * @example clusterNamespaceName('fleet-local', 'local') === 'cluster-fleet-local-local-1a3d67d0a899'
 */
export function clusterNamespaceName(clusterNamespace: string, clusterName: string): string {
  return safeConcatName(
    SAFE_CONCAT_MAX_LENGTH,
    'cluster',
    clusterNamespace,
    clusterName,
    keyHash(`${clusterNamespace}::${clusterName}`),
  );
}

/** Name of a Cluster created for an agent-initiated registration: `cluster-<keyHash(clientID)>`. */
export function registeredClusterName(clientID: string): string {
  return safeConcatName(SAFE_CONCAT_MAX_LENGTH, 'cluster', keyHash(clientID));
}

/** Name of the per-cluster agent Bundle, `fleet-agent-<cluster>`. */
export function agentBundleName(clusterName: string): string {
  return safeConcatName(SAFE_CONCAT_MAX_LENGTH, AGENT_BUNDLE_NAME, clusterName);
}

/** Name of the git Job for a GitRepo at a commit: `<gitrepo>-<first 5 hex of md5(repo + commit)>`. */
export function gitJobName(gitRepoName: string, repo: string, commit: string): string {
  return safeConcatName(SAFE_CONCAT_MAX_LENGTH, gitRepoName, md5Prefix(repo + commit, 5));
}

/** Name of the Secret holding a GitRepo's `spec.caBundle`. */
export function caBundleSecretName(gitRepoName: string): string {
  return `${gitRepoName}-cabundle`;
}

/** Name of the git Job's ServiceAccount (and Role/RoleBinding). */
export function gitJobServiceAccountName(gitRepoName: string): string {
  return safeConcatName(SAFE_CONCAT_MAX_LENGTH, 'git', gitRepoName);
}

// =================================================================================================
// Manifest / deployment IDs
// =================================================================================================

const bundleResourceType: GoType = {
  struct: [field('name', 'string'), field('content', 'string'), field('encoding', 'string')],
};

const manifestType: GoType = { struct: [field('resources', { slice: bundleResourceType })] };

/**
 * The JSON a Bundle's resources are stored as (the Content object's payload before gzip), exactly
 * as Fleet's `json.Encoder` writes it: `{"resources":[{"name":…,"content":…,"encoding":…}]}` plus
 * a trailing newline, empty fields omitted, `<>&` escaped.
 */
export function manifestJson(resources: readonly BundleResource[]): string {
  return encodeGoJsonLine(manifestType, { resources });
}

/**
 * The manifest ID (= name of the cluster-scoped Content object): `s-` followed by the first 61
 * hex chars of sha256(manifest JSON), 63 chars in total.
 */
export function manifestId(manifest: string): string {
  return `s-${sha256Hex(manifest)}`.slice(0, 63);
}

const labelSelectorType: GoType = {
  struct: [
    field('matchLabels', { map: 'string' }),
    field('matchExpressions', {
      slice: {
        struct: [field('key', 'string', false), field('operator', 'string', false), field('values', { slice: 'string' })],
      },
    }),
  ],
};

const keySelectorType: GoType = {
  struct: [field('name', 'string', false), field('namespace', 'string'), field('key', 'string')],
};

const helmOptionsType: GoType = {
  struct: [
    field('chart', 'string'),
    field('repo', 'string'),
    field('releaseName', 'string'),
    field('version', 'string'),
    field('timeoutSeconds', 'int'),
    field('values', { ptr: 'any' }),
    field('templateValues', { map: 'string' }),
    field('valuesFrom', {
      slice: {
        struct: [field('configMapKeyRef', { ptr: keySelectorType }), field('secretKeyRef', { ptr: keySelectorType })],
      },
    }),
    field('force', 'bool'),
    field('takeOwnership', 'bool'),
    field('maxHistory', 'int'),
    field('valuesFiles', { slice: 'string' }),
    field('waitForJobs', 'bool'),
    field('atomic', 'bool'),
    field('disablePreProcess', 'bool'),
    field('disableDNS', 'bool'),
    field('skipSchemaValidation', 'bool'),
    field('disableDependencyUpdate', 'bool'),
  ],
};

/**
 * `BundleDeploymentOptions` as a Go struct, in Fleet's declaration order. `diff` and
 * `correctDrift` are listed for completeness; {@link deploymentId} clears them before hashing.
 */
export const BUNDLE_DEPLOYMENT_OPTIONS_GO_TYPE: GoType = {
  struct: [
    field('defaultNamespace', 'string'),
    field('namespace', 'string'),
    field('kustomize', { ptr: { struct: [field('dir', 'string')] } }),
    field('helm', { ptr: helmOptionsType }),
    field('serviceAccount', 'string'),
    field('forceSyncGeneration', 'int'),
    field('yaml', { ptr: { struct: [field('overlays', { slice: 'string' })] } }),
    field('diff', { ptr: 'any' }),
    field('keepResources', 'bool'),
    field('deleteNamespace', 'bool'),
    // An embedded struct value: `omitempty` never drops it, so `"ignore":{}` is always written.
    field('ignore', { struct: [field('conditions', { slice: { map: 'string' } })] }),
    field('correctDrift', { ptr: 'any' }),
    field('namespaceLabels', { ptr: { map: 'string' } }),
    field('namespaceAnnotations', { ptr: { map: 'string' } }),
    field('deleteCRDResources', 'bool'),
    field('allowedTargetNamespaceSelector', { ptr: labelSelectorType }),
    field('overwrites', {
      slice: { struct: [field('kind', 'string'), field('name', 'string'), field('namespace', 'string')] },
    }),
    field('downstreamResources', { slice: { struct: [field('kind', 'string'), field('name', 'string')] } }),
    field('createNamespace', { ptr: 'bool' }),
  ],
};

/**
 * The JSON Fleet hashes for the options half of a deployment ID: the options with `diff` and
 * `correctDrift` cleared (neither changes what is deployed), Go-encoded with a trailing newline.
 */
export function deploymentOptionsJson(options: BundleDeploymentOptions | unknown): string {
  const source = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  const sanitized: Record<string, unknown> = { ...source, diff: undefined, correctDrift: undefined };
  return encodeGoJsonLine(BUNDLE_DEPLOYMENT_OPTIONS_GO_TYPE, sanitized);
}

/** `<manifestID>:<sha256 of the options JSON>` for an already computed manifest ID. */
export function deploymentIdFromManifestId(manifestID: string, options: BundleDeploymentOptions | unknown): string {
  return `${manifestID}:${sha256Hex(deploymentOptionsJson(options))}`;
}

/**
 * A BundleDeployment's deployment ID, `s-<61 hex>:<64 hex>`: the manifest ID of `manifest` (the
 * manifest JSON, see {@link manifestJson}) and the sha256 of the Go-encoded options.
 *
 * The manifest half is byte-exact with Fleet for the same manifest JSON. The options half follows
 * Fleet's struct layout as far as it is known; options that differ only in fields Fleet does not
 * model, or in `diff`/`correctDrift`, share an ID exactly like in Fleet.
 */
export function deploymentId(manifest: string, options: BundleDeploymentOptions | unknown): string {
  return deploymentIdFromManifestId(manifestId(manifest), options);
}

/** The Content object name of a deployment ID (the part before `:`). */
export function contentName(deploymentID: string): string {
  const colon = deploymentID.indexOf(':');
  return colon === -1 ? deploymentID : deploymentID.slice(0, colon);
}
