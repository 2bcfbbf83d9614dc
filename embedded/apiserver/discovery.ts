import { apiGroups, apiVersionOf, RESOURCE_TYPES, type ResourceType } from './resource-types';

export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0+fleetdeck',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.22.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function resourceEntries(type: ResourceType) {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length ? { categories: type.categories } : {}),
  };
  if (!type.statusSubresource) return [main];
  return [main, { name: `${type.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'patch', 'update'] }];
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `APIResourceList` for one group/version; `undefined` when the group/version is not served. */
export function apiResourceList(group: string, version: string) {
  const types = RESOURCE_TYPES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: types.flatMap(resourceEntries),
  };
}

function groupEntry(name: string, version: string) {
  const groupVersion = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [groupVersion], preferredVersion: groupVersion };
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map((g) => groupEntry(g.name, g.version)) };
}

export function apiGroup(name: string) {
  const group = apiGroups().find((g) => g.name === name);
  return group ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group.name, group.version) } : undefined;
}

/**
 * The smallest OpenAPI v2 document kubectl accepts, in the protobuf form it asks for
 * (gnostic's `openapi_v2.Document`: field 1 `swagger`, field 2 `info{title, version}`).
 * With no definitions, kubectl treats every kind as schemaless and uses JSON merge patches.
 */
export function openApiV2Protobuf(): Buffer {
  const field = (number: number, payload: Buffer) => Buffer.concat([Buffer.from([(number << 3) | 2, payload.length]), payload]);
  const info = Buffer.concat([field(1, Buffer.from('Fleet Deck embedded cluster')), field(2, Buffer.from(SERVER_VERSION.gitVersion))]);
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info)]);
}

export function openApiV2Json() {
  return { swagger: '2.0', info: { title: 'Fleet Deck embedded cluster', version: SERVER_VERSION.gitVersion }, paths: {}, definitions: {} };
}
