import type { NonResourceAttributes, RequestAttributes, ResourceAttributes } from './attributes';
import type { PolicyRule } from './policy';

/** kube's RBAC rule matching (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows). */
export function ruleAllows(rule: PolicyRule, attributes: RequestAttributes): boolean {
  if (!hasOrWildcard(rule.verbs, attributes.verb)) return false;
  return attributes.resourceRequest ? resourceRuleAllows(rule, attributes) : nonResourceRuleAllows(rule, attributes);
}

function resourceRuleAllows(rule: PolicyRule, attributes: ResourceAttributes): boolean {
  if (!hasOrWildcard(rule.apiGroups, attributes.apiGroup)) return false;
  if (!resourceMatches(rule.resources ?? [], attributes.resource, attributes.subresource)) return false;
  const names = rule.resourceNames ?? [];
  // A rule limited to names never matches a request without one (list, create, deletecollection).
  return names.length === 0 || names.includes(attributes.name);
}

function resourceMatches(ruleResources: readonly string[], resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return ruleResources.some(
    (candidate) => candidate === '*' || candidate === combined || (subresource !== '' && candidate === `*/${subresource}`),
  );
}

function nonResourceRuleAllows(rule: PolicyRule, attributes: NonResourceAttributes): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (url) => url === '*' || url === attributes.path || (url.endsWith('*') && attributes.path.startsWith(url.slice(0, -1))),
  );
}

function hasOrWildcard(list: readonly string[] | undefined, value: string): boolean {
  return (list ?? []).some((entry) => entry === '*' || entry === value);
}
