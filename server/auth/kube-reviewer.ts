import 'server-only';

import { AuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';

import { fromKubeError } from '@/server/http/errors';
import { apiStatusOf } from '@/server/kube/errors';

import type { AccessQuestion, AccessReviewer } from './access';
import type { ResourceRule } from './rules';

/** Access reviews sent with the person's own KubeConfig, so the API server answers for them. */
export function kubeAccessReviewer(userConfig: KubeConfig): AccessReviewer {
  const api = userConfig.makeApiClient(AuthorizationV1Api);
  let rulesServed = true;
  return {
    async rules(namespace: string): Promise<ResourceRule[] | undefined> {
      if (!rulesServed) return undefined;
      try {
        const review = await api.createSelfSubjectRulesReview({
          body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
        });
        if (!review.status || review.status.incomplete) return undefined;
        return review.status.resourceRules.map((rule) => ({
          verbs: rule.verbs,
          apiGroups: rule.apiGroups,
          resources: rule.resources,
          resourceNames: rule.resourceNames,
        }));
      } catch (error) {
        if (apiStatusOf(error) === 404) {
          rulesServed = false;
          return undefined;
        }
        throw fromKubeError(error);
      }
    },
    async allowed({ verb, group, resource, namespace }: AccessQuestion): Promise<boolean> {
      try {
        const review = await api.createSelfSubjectAccessReview({
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SelfSubjectAccessReview',
            spec: { resourceAttributes: { verb, group, resource, ...(namespace ? { namespace } : {}) } },
          },
        });
        return Boolean(review.status?.allowed) && !review.status?.denied;
      } catch (error) {
        throw fromKubeError(error);
      }
    },
  };
}
