import { childPath, required, type FieldError } from '../../lib/k8s/field-errors';
import type { Authenticator } from './auth/authenticator';
import { withAuthenticatedGroup, type UserInfo } from './auth/user';
import { badRequest, invalid } from './errors';
import type { RequestAttributes } from './rbac/attributes';
import type { RbacAuthorizer } from './rbac/authorizer';
import { apiVersionOf, type ResourceType } from './resource-types';

/** What answering a review needs: who asks, and the server's authenticator and authorizer. */
export interface ReviewContext {
  user: UserInfo;
  authenticator: Authenticator;
  authorizer: RbacAuthorizer;
}

type Body = Record<string, unknown>;

/**
 * Answers the review APIs (never stored): SelfSubjectAccessReview, SubjectAccessReview and
 * SelfSubjectRulesReview with the RBAC authorizer, SelfSubjectReview and TokenReview with the
 * authenticator. Each answer echoes the request's spec, as kube-apiserver does.
 */
export function answerReview(type: ResourceType, body: unknown, context: ReviewContext): Record<string, unknown> {
  const review = checkReviewBody(type, body);
  const answer = (spec: unknown, status: unknown) => ({
    apiVersion: apiVersionOf(type),
    kind: type.kind,
    metadata: { creationTimestamp: null },
    ...(spec === undefined ? {} : { spec }),
    status,
  });
  switch (type.kind) {
    case 'SelfSubjectReview':
      return answer(undefined, { userInfo: userInfoJson(context.user) });
    case 'TokenReview': {
      const spec = objectField(type, review, 'spec');
      if (typeof spec.token !== 'string' || spec.token === '') throw invalid(type, '', [required('spec.token')]);
      const user = context.authenticator.authenticateToken(spec.token);
      // Like kube with a token file: an unknown token is simply not authenticated (no error).
      return answer(spec, user ? { authenticated: true, user: userInfoJson(user) } : { authenticated: false, user: {} });
    }
    case 'SelfSubjectAccessReview': {
      const spec = objectField(type, review, 'spec');
      return answer(spec, decide(context, context.user, accessAttributes(type, spec)));
    }
    case 'SubjectAccessReview': {
      const spec = objectField(type, review, 'spec');
      return answer(spec, decide(context, subjectOf(type, spec), accessAttributes(type, spec)));
    }
    case 'SelfSubjectRulesReview': {
      const spec = objectField(type, review, 'spec');
      if (spec.namespace !== undefined && typeof spec.namespace !== 'string') throw badRequest('spec.namespace must be a string');
      const rules = context.authorizer.rulesFor(context.user, (spec.namespace as string | undefined) ?? '');
      return answer(spec, { ...rules, incomplete: false });
    }
    default:
      throw badRequest(`${type.plural} cannot be created`);
  }
}

function decide(context: ReviewContext, user: UserInfo, attributes: RequestAttributes): Record<string, unknown> {
  const decision = context.authorizer.authorize(user, attributes);
  return decision.reason ? { allowed: decision.allowed, reason: decision.reason } : { allowed: decision.allowed };
}

function userInfoJson(user: UserInfo): Record<string, unknown> {
  return { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: [...user.groups] };
}

function checkReviewBody(type: ResourceType, body: unknown): Body {
  if (!isObject(body)) throw badRequest(`the request body must be a ${type.kind} object`);
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(type)) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(type)})`);
  }
  if (body.kind !== undefined && body.kind !== type.kind) {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${type.kind})`);
  }
  return body;
}

function objectField(type: ResourceType, body: Body, field: string): Body {
  const value = body[field];
  if (value === undefined || value === null) throw invalid(type, '', [required(field)]);
  if (!isObject(value)) throw badRequest(`${field} must be an object`);
  return value;
}

/** The user a SubjectAccessReview asks about; kube requires a user or at least one group. */
function subjectOf(type: ResourceType, spec: Body): UserInfo {
  const user = spec.user ?? '';
  const groups = spec.groups ?? [];
  if (typeof user !== 'string') throw badRequest('spec.user must be a string');
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) throw badRequest('spec.groups must be a list of strings');
  if (user === '' && groups.length === 0) throw invalid(type, '', [{ type: 'FieldValueInvalid', field: 'spec.user', message: 'Invalid value: "": at least one of user or group must be specified' }]);
  const uid = typeof spec.uid === 'string' ? spec.uid : '';
  const info: UserInfo = { username: user, uid, groups: groups as string[] };
  return user === '' ? info : withAuthenticatedGroup(info);
}

const RESOURCE_FIELDS = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;

function accessAttributes(type: ResourceType, spec: Body): RequestAttributes {
  const resource = spec.resourceAttributes;
  const nonResource = spec.nonResourceAttributes;
  const hasResource = resource !== undefined && resource !== null;
  const hasNonResource = nonResource !== undefined && nonResource !== null;
  if (hasResource === hasNonResource) {
    const errors: FieldError[] = [{ type: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: 'Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified' }];
    throw invalid(type, '', errors);
  }
  if (hasResource) {
    if (!isObject(resource)) throw badRequest('spec.resourceAttributes must be an object');
    const values: Record<string, string> = {};
    for (const field of RESOURCE_FIELDS) {
      const value = resource[field] ?? '';
      if (typeof value !== 'string') throw badRequest(`spec.resourceAttributes.${field} must be a string`);
      values[field] = value;
    }
    return {
      resourceRequest: true,
      verb: values.verb!,
      apiGroup: values.group!,
      apiVersion: values.version!,
      resource: values.resource!,
      subresource: values.subresource!,
      namespace: values.namespace!,
      name: values.name!,
    };
  }
  if (!isObject(nonResource)) throw badRequest('spec.nonResourceAttributes must be an object');
  for (const field of ['path', 'verb']) {
    if (nonResource[field] !== undefined && typeof nonResource[field] !== 'string') throw badRequest(`${childPath('spec.nonResourceAttributes', field)} must be a string`);
  }
  return { resourceRequest: false, verb: (nonResource.verb as string | undefined) ?? '', path: (nonResource.path as string | undefined) ?? '' };
}

function isObject(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
