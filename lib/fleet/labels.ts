/**
 * The label and annotation keys, finalizers, Secret types and well-known namespaces that Fleet's
 * pipeline reads and writes. Everything here is a wire-format string: the values must stay exactly
 * as Fleet spells them.
 */

// =================================================================================================
// Prefixes
// =================================================================================================

/** Fleet's reserved label prefix (`<group>/`). */
export const FLEET_LABEL_PREFIX = 'fleet.cattle.io/';
/** Rancher's reserved label prefix. */
export const MANAGEMENT_LABEL_PREFIX = 'management.cattle.io/';

// =================================================================================================
// Labels and annotations on Fleet objects
// =================================================================================================

/** On Bundles and BundleDeployments: the GitRepo that produced them. */
export const REPO_LABEL = 'fleet.cattle.io/repo-name';
/** On Bundles and BundleDeployments: the commit the Bundle was built from. */
export const COMMIT_LABEL = 'fleet.cattle.io/commit';
/** On BundleDeployments: name of the Bundle. */
export const BUNDLE_LABEL = 'fleet.cattle.io/bundle-name';
/** On BundleDeployments: namespace of the Bundle. */
export const BUNDLE_NAMESPACE_LABEL = 'fleet.cattle.io/bundle-namespace';
/** Objects Fleet owns and may clean up (cluster namespaces, BDs, registration Secrets, UI-made Secrets). Value `"true"`. */
export const MANAGED_LABEL = 'fleet.cattle.io/managed';
/** On BundleDeployments: namespace of the targeted Cluster. Also an annotation on cluster namespaces. */
export const CLUSTER_NAMESPACE_LABEL = 'fleet.cattle.io/cluster-namespace';
/** On BundleDeployments and agent-registered Clusters: the Cluster name. Also an annotation on cluster namespaces. */
export const CLUSTER_LABEL = 'fleet.cattle.io/cluster';
/** Annotation on a cluster namespace pointing at the Cluster's namespace (same key as the BD label). */
export const CLUSTER_NAMESPACE_ANNOTATION = CLUSTER_NAMESPACE_LABEL;
/** Annotation on a cluster namespace pointing at the Cluster's name (same key as the BD label). */
export const CLUSTER_ANNOTATION = CLUSTER_LABEL;
/** On Bundles and BundleDeployments created from a HelmOp. */
export const HELMOP_LABEL = 'fleet.cattle.io/fleet-helm-name';
/** Set by the agent on its own registration; the one `fleet.cattle.io/` label an agent may assert. */
export const CREATED_BY_AGENT_POD_LABEL = 'fleet.cattle.io/created-by-agent-pod';
/** Annotation on a registration ServiceAccount: the ClusterRegistration name. */
export const CLUSTER_REGISTRATION_ANNOTATION = 'fleet.cattle.io/cluster-registration';
/** Annotation on a registration ServiceAccount: the ClusterRegistration namespace. */
export const CLUSTER_REGISTRATION_NAMESPACE_ANNOTATION = 'fleet.cattle.io/cluster-registration-namespace';
/** Label on the git Job: the GitRepo's `spec.forceSyncGeneration` it was created for. */
export const FORCE_SYNC_GENERATION_LABEL = 'fleet.cattle.io/force-sync-generation';
/** Label on the git Job: the GitRepo's `metadata.generation` it was created for. */
export const GITREPO_GENERATION_LABEL = 'fleet.cattle.io/gitrepo-generation';
/** Written by Rancher's dashboard on GitRepos it creates. */
export const CREATED_BY_USER_ID_LABEL = 'fleet.cattle.io/created-by-user-id';

/** Rancher's cluster display name; a target's `clusterName` also matches it (Fleet ≥ 0.15). */
export const CLUSTER_DISPLAY_NAME_LABEL = 'management.cattle.io/cluster-display-name';
/** Rancher's management cluster id (`c-…`, `c-m-…`, `local`). */
export const CLUSTER_NAME_LABEL = 'management.cattle.io/cluster-name';

/** Label the bootstrap (or Rancher) puts on the local Cluster; the `default` group selects it. */
export const LOCAL_CLUSTER_NAME_LABEL = 'name';

// =================================================================================================
// Finalizers
// =================================================================================================

export const GITREPO_FINALIZER = 'fleet.cattle.io/gitrepo-finalizer';
export const BUNDLE_FINALIZER = 'fleet.cattle.io/bundle-finalizer';
export const BUNDLE_DEPLOYMENT_FINALIZER = 'fleet.cattle.io/bundle-deployment-finalizer';
export const CLUSTER_FINALIZER = 'fleet.cattle.io/cluster-finalizer';
export const HELMOP_FINALIZER = 'fleet.cattle.io/helmop-finalizer';
export const SCHEDULE_FINALIZER = 'fleet.cattle.io/schedule-finalizer';

export const FLEET_FINALIZERS = Object.freeze([
  GITREPO_FINALIZER,
  BUNDLE_FINALIZER,
  BUNDLE_DEPLOYMENT_FINALIZER,
  CLUSTER_FINALIZER,
  HELMOP_FINALIZER,
  SCHEDULE_FINALIZER,
] as const);

// =================================================================================================
// Secret types
// =================================================================================================

/** The Secret created for a ClusterRegistrationToken (key `values`). */
export const CLUSTER_REGISTRATION_VALUES_SECRET_TYPE = 'fleet.cattle.io/cluster-registration-values';
/** Helm values stripped from a Bundle (named like the Bundle). */
export const BUNDLE_VALUES_SECRET_TYPE = 'fleet.cattle.io/bundle-values/v1alpha1';
/** Options with Helm values of a BundleDeployment (named like the BD, in the cluster namespace). */
export const BUNDLE_DEPLOYMENT_SECRET_TYPE = 'fleet.cattle.io/bundle-deployment/v1alpha1';
/** OCI storage credentials (`spec.ociRegistrySecret`). */
export const BUNDLE_OCI_STORAGE_SECRET_TYPE = 'fleet.cattle.io/bundle-oci-storage/v1alpha1';
/** HelmOp registry credentials copied downstream. */
export const BUNDLE_HELMOPS_ACCESS_SECRET_TYPE = 'fleet.cattle.io/bundle-helmops-access/v1alpha1';

// =================================================================================================
// Well-known names
// =================================================================================================

/** Workspace holding the local cluster. */
export const FLEET_LOCAL_NAMESPACE = 'fleet-local';
/** Rancher's default workspace for downstream clusters. */
export const FLEET_DEFAULT_NAMESPACE = 'fleet-default';
/** Controller and (downstream) agent namespace. */
export const FLEET_SYSTEM_NAMESPACE = 'cattle-fleet-system';
/** Agent namespace of the local cluster under Rancher. */
export const FLEET_LOCAL_SYSTEM_NAMESPACE = 'cattle-fleet-local-system';
/** Namespace of registration Secrets. */
export const FLEET_CLUSTERS_SYSTEM_NAMESPACE = 'cattle-fleet-clusters-system';

/** Namespaces Fleet never deletes during cleanup. */
export const PROTECTED_NAMESPACES = Object.freeze([
  FLEET_LOCAL_NAMESPACE,
  FLEET_DEFAULT_NAMESPACE,
  FLEET_SYSTEM_NAMESPACE,
  FLEET_CLUSTERS_SYSTEM_NAMESPACE,
  'default',
] as const);

/** Name of the local Cluster (standalone bootstrap and Rancher). */
export const LOCAL_CLUSTER_NAME = 'local';
/** Name of the ClusterGroup targeted by GitRepos without targets. */
export const DEFAULT_CLUSTER_GROUP = 'default';
/** Prefix of the per-cluster agent Bundle (`fleet-agent-<cluster>`). */
export const AGENT_BUNDLE_NAME = 'fleet-agent';
/** Secret a GitRepo falls back to for git credentials when `clientSecretName` is empty. */
export const DEFAULT_GIT_CREDENTIAL_SECRET = 'gitcredential';

/** Whether a label key lies in Fleet's or Rancher's reserved prefixes. */
export function isReservedLabelKey(key: string): boolean {
  return key.startsWith(FLEET_LABEL_PREFIX) || key.startsWith(MANAGEMENT_LABEL_PREFIX);
}
