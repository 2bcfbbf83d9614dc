import { SYSTEM_AUTHENTICATED, SYSTEM_MASTERS } from '../auth/user';
import { RBAC_GROUP, type PolicyRule } from './policy';

/**
 * What every authenticated user may do, as kube-apiserver's default bindings of
 * system:discovery, system:public-info-viewer and system:basic-user grant it. These are built in
 * rather than stored, so deleting an object cannot lock everyone out of discovery.
 */
export const AUTHENTICATED_RULES: readonly { role: string; rules: readonly PolicyRule[] }[] = [
  {
    role: 'system:discovery',
    rules: [
      {
        verbs: ['get'],
        nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'],
      },
    ],
  },
  {
    role: 'system:basic-user',
    rules: [
      { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
      { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
    ],
  },
];

export const BUILTIN_GROUP = SYSTEM_AUTHENTICATED;

/** Stored on first start, like kube-apiserver's bootstrap policy, so `kubectl get clusterroles` shows them. */
export const BOOTSTRAP_OBJECTS = [
  {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRole',
    metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    rules: [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ],
  },
  {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: RBAC_GROUP, kind: 'Group', name: SYSTEM_MASTERS }],
  },
] as const;
