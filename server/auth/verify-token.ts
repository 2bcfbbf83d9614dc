import 'server-only';

import { AuthenticationV1Api, type KubeConfig } from '@kubernetes/client-node';

import { BffError, fromKubeError } from '@/server/http/errors';
import { apiStatusOf } from '@/server/kube/errors';

import { kubeConfigWithToken } from './user-kubeconfig';

export interface UserInfo {
  username: string;
  groups: string[];
}

const REJECTED = 'The Kubernetes API server did not accept this token. Check that it is complete and has not expired.';

/**
 * Who a bearer token belongs to, as the API server says: a SelfSubjectReview sent with the token
 * itself (Kubernetes 1.28+), or — where that API is not served — a TokenReview sent with the
 * dashboard's own credentials. A token the API server does not accept is a 401.
 */
export async function verifyToken(serviceConfig: KubeConfig, token: string): Promise<UserInfo> {
  const asUser = kubeConfigWithToken(serviceConfig, token).makeApiClient(AuthenticationV1Api);
  try {
    const review = await asUser.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    return userOf(review.status?.userInfo);
  } catch (error) {
    const status = apiStatusOf(error);
    if (status === 401) throw new BffError('unauthenticated', REJECTED, 'token');
    if (status !== 404) throw error instanceof BffError ? error : fromKubeError(error);
  }
  return tokenReview(serviceConfig, token);
}

async function tokenReview(serviceConfig: KubeConfig, token: string): Promise<UserInfo> {
  const api = serviceConfig.makeApiClient(AuthenticationV1Api);
  let review;
  try {
    review = await api.createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } } });
  } catch (error) {
    const failure = fromKubeError(error);
    if (failure.code === 'forbidden') {
      throw new BffError('cluster_unreachable', 'Fleet Deck cannot check tokens: its service account may not create tokenreviews (authentication.k8s.io)');
    }
    throw failure;
  }
  if (!review.status?.authenticated) throw new BffError('unauthenticated', REJECTED, 'token');
  return userOf(review.status.user);
}

function userOf(info: { username?: string; groups?: string[] } | undefined): UserInfo {
  if (!info?.username) throw new BffError('unauthenticated', REJECTED, 'token');
  return { username: info.username, groups: info.groups ?? [] };
}
