import { ApiError } from '../errors';
import type { UserInfo } from '../auth/user';
import type { RequestAttributes } from './attributes';

/** kube-apiserver's wording for a refused request (endpoints/handlers/responsewriters forbiddenMessage). */
export function forbiddenMessage(user: UserInfo, attributes: RequestAttributes): string {
  if (!attributes.resourceRequest) return `User ${quote(user.username)} cannot ${attributes.verb} path ${quote(attributes.path)}`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const head = `User ${quote(user.username)} cannot ${attributes.verb} resource ${quote(resource)} in API group ${quote(attributes.apiGroup)}`;
  return attributes.namespace ? `${head} in the namespace ${quote(attributes.namespace)}` : `${head} at the cluster scope`;
}

/**
 * The 403 Status: `gitrepos.fleet.cattle.io "x" is forbidden: User "reader" cannot ...`, with
 * details {name, group, kind: <resource>} as apierrors.NewForbidden builds it.
 */
export function forbiddenError(user: UserInfo, attributes: RequestAttributes): ApiError {
  const reason = forbiddenMessage(user, attributes);
  if (!attributes.resourceRequest) return new ApiError(403, 'Forbidden', `forbidden: ${reason}`, {});
  const { apiGroup, resource, name } = attributes;
  const qualified = apiGroup ? `${resource}.${apiGroup}` : resource;
  const message = name ? `${qualified} ${quote(name)} is forbidden: ${reason}` : `${qualified} is forbidden: ${reason}`;
  return new ApiError(403, 'Forbidden', message, {
    ...(name ? { name } : {}),
    ...(apiGroup ? { group: apiGroup } : {}),
    kind: resource,
  });
}

/** Go's %q for the plain strings that appear here. */
function quote(value: string): string {
  return JSON.stringify(value);
}
