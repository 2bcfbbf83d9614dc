import { badRequest } from './errors';
import type { ResourceType } from './resource-types';

/**
 * Answers a SelfSubjectAccessReview. The embedded cluster has a single administrator identity
 * (the kubeconfig's token), which may do everything; the review still echoes the request back
 * so clients can match answers to questions.
 */
export function reviewAccess(type: ResourceType, body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the request body must be a SelfSubjectAccessReview object');
  const spec = (body as { spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null) throw badRequest('spec is required: give resourceAttributes or nonResourceAttributes');
  return {
    apiVersion: `${type.group}/${type.version}`,
    kind: type.kind,
    metadata: { creationTimestamp: null },
    spec,
    status: { allowed: true, reason: 'the embedded cluster administrator may do everything' },
  };
}
