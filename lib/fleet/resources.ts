/**
 * Registry of the Fleet API kinds (plus Rancher's FleetWorkspace) as plain data.
 *
 * The values mirror the CustomResourceDefinitions shipped by Fleet (`fleet-crd` chart) and by
 * Rancher (`fleetworkspaces.management.cattle.io`). Everything that needs to know about a Fleet
 * kind — discovery, REST routing, Table output, the UI — reads it from here.
 */

export const FLEET_GROUP = 'fleet.cattle.io';
export const FLEET_VERSION = 'v1alpha1';
export const FLEET_API_VERSION = `${FLEET_GROUP}/${FLEET_VERSION}`;

export const MANAGEMENT_GROUP = 'management.cattle.io';
export const MANAGEMENT_VERSION = 'v3';

export type PrinterColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date';

export interface PrinterColumn {
  /** Column header as declared in the CRD (kubectl upper-cases it). */
  readonly name: string;
  readonly type: PrinterColumnType;
  /** Simple JSONPath evaluated against the object, e.g. `.status.commit`. */
  readonly jsonPath: string;
  readonly description?: string;
  /** 0 = shown by default; > 0 only with `-o wide`. */
  readonly priority?: number;
  readonly format?: string;
}

export interface FleetResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Kind of the list object (`<Kind>List`). */
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly categories: readonly string[];
  readonly shortNames: readonly string[];
  readonly statusSubresource: boolean;
  /**
   * The columns the API server serves for this kind in `Table` responses, after the implicit
   * `Name` column. This is exactly the CRD's `additionalPrinterColumns`; when a CRD declares none,
   * the apiserver serves a single `Age` column instead (see {@link AGE_COLUMN}).
   */
  readonly printerColumns: readonly PrinterColumn[];
}

/**
 * The column kube-apiserver serves for a custom resource whose CRD version declares no
 * `additionalPrinterColumns`. CRDs that declare columns do not get it appended.
 */
export const AGE_COLUMN: PrinterColumn = Object.freeze({
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. ' +
    'It is not guaranteed to be set in happens-before order across separate operations. ' +
    'Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n' +
    'Populated by the system. Read-only. Null for lists. ' +
    'More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
});

/** JSONPath of the Ready condition's message, used by the `Status` column of most Fleet kinds. */
const READY_MESSAGE = '.status.conditions[?(@.type=="Ready")].message';

const col = (name: string, jsonPath: string, type: PrinterColumnType = 'string'): PrinterColumn =>
  Object.freeze({ name, type, jsonPath });

interface ResourceInput {
  group?: string;
  version?: string;
  kind: string;
  plural: string;
  namespaced?: boolean;
  categories?: string[];
  statusSubresource?: boolean;
  columns?: PrinterColumn[];
}

function define(input: ResourceInput): FleetResource {
  const columns = input.columns ?? [];
  return Object.freeze({
    group: input.group ?? FLEET_GROUP,
    version: input.version ?? FLEET_VERSION,
    kind: input.kind,
    listKind: `${input.kind}List`,
    plural: input.plural,
    singular: input.kind.toLowerCase(),
    namespaced: input.namespaced ?? true,
    categories: Object.freeze([...(input.categories ?? [])]),
    shortNames: Object.freeze([] as string[]),
    statusSubresource: input.statusSubresource ?? true,
    printerColumns: Object.freeze(columns.length > 0 ? [...columns] : [AGE_COLUMN]),
  });
}

export const FLEET_RESOURCES: readonly FleetResource[] = Object.freeze([
  define({
    kind: 'GitRepo',
    plural: 'gitrepos',
    categories: ['fleet'],
    columns: [
      col('Repo', '.spec.repo'),
      col('Commit', '.status.commit'),
      col('BundleDeployments-Ready', '.status.display.readyBundleDeployments'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'Bundle',
    plural: 'bundles',
    columns: [
      col('BundleDeployments-Ready', '.status.display.readyClusters'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'BundleDeployment',
    plural: 'bundledeployments',
    columns: [
      col('Deployed', '.status.display.deployed'),
      col('Monitored', '.status.display.monitored'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'Cluster',
    plural: 'clusters',
    columns: [
      col('Bundles-Ready', '.status.display.readyBundles'),
      col('Last-Seen', '.status.agent.lastSeen'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'ClusterGroup',
    plural: 'clustergroups',
    categories: ['fleet'],
    columns: [
      col('Clusters-Ready', '.status.display.readyClusters'),
      col('Bundles-Ready', '.status.display.readyBundles'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'ClusterRegistration',
    plural: 'clusterregistrations',
    columns: [col('Cluster-Name', '.status.clusterName'), col('Labels', '.spec.clusterLabels')],
  }),
  define({
    kind: 'ClusterRegistrationToken',
    plural: 'clusterregistrationtokens',
    columns: [col('Secret-Name', '.status.secretName')],
  }),
  define({
    kind: 'GitRepoRestriction',
    plural: 'gitreporestrictions',
    columns: [
      col('Default-ServiceAccount', '.defaultServiceAccount'),
      col('Allowed-ServiceAccounts', '.allowedServiceAccounts'),
    ],
  }),
  define({ kind: 'BundleNamespaceMapping', plural: 'bundlenamespacemappings' }),
  define({ kind: 'Content', plural: 'contents', namespaced: false }),
  define({
    kind: 'ImageScan',
    plural: 'imagescans',
    columns: [col('Repository', '.spec.image'), col('Latest', '.status.latestTag')],
  }),
  define({
    kind: 'HelmOp',
    plural: 'helmops',
    categories: ['fleet'],
    columns: [
      col('Repo', '.spec.helm.repo'),
      col('Chart', '.spec.helm.chart'),
      col('Version', '.status.version'),
      col('BundleDeployments-Ready', '.status.display.readyBundleDeployments'),
      col('Status', READY_MESSAGE),
    ],
  }),
  define({
    kind: 'Schedule',
    plural: 'schedules',
    columns: [
      col('Schedule', '.spec.schedule'),
      col('Duration', '.spec.duration'),
      col('Active', '.status.active'),
      col('NextStart', '.status.nextStartTime'),
    ],
  }),
  define({
    group: MANAGEMENT_GROUP,
    version: MANAGEMENT_VERSION,
    kind: 'FleetWorkspace',
    plural: 'fleetworkspaces',
    namespaced: false,
    statusSubresource: false,
  }),
]);

export type FleetKind =
  | 'GitRepo'
  | 'Bundle'
  | 'BundleDeployment'
  | 'Cluster'
  | 'ClusterGroup'
  | 'ClusterRegistration'
  | 'ClusterRegistrationToken'
  | 'GitRepoRestriction'
  | 'BundleNamespaceMapping'
  | 'Content'
  | 'ImageScan'
  | 'HelmOp'
  | 'Schedule'
  | 'FleetWorkspace';

const byGroupPlural = new Map(FLEET_RESOURCES.map((r) => [`${r.group}/${r.plural}`, r]));
const byGroupKind = new Map(FLEET_RESOURCES.map((r) => [`${r.group}/${r.kind}`, r]));

/** Look up a kind by API group and plural resource name (`fleet.cattle.io`, `gitrepos`). */
export function fleetResourceByPlural(group: string, plural: string): FleetResource | undefined {
  return byGroupPlural.get(`${group}/${plural}`);
}

/** Look up a kind by API group and kind (`fleet.cattle.io`, `GitRepo`). */
export function fleetResourceByKind(group: string, kind: string): FleetResource | undefined {
  return byGroupKind.get(`${group}/${kind}`);
}

/** `group/version` string as used in `apiVersion`. */
export function apiVersionOf(resource: Pick<FleetResource, 'group' | 'version'>): string {
  return `${resource.group}/${resource.version}`;
}
