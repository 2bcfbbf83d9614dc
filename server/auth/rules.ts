/**
 * RBAC rules as the API server reports them (SelfSubjectRulesReview `resourceRules`), and the
 * one question Fleet Deck asks of them: may this verb be used on this resource of this group,
 * for any object (rules limited to `resourceNames` do not count: they allow some objects only).
 */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

const has = (values: readonly string[] | undefined, value: string) => Boolean(values?.some((v) => v === '*' || v === value));

export function rulesAllow(rules: readonly ResourceRule[], verb: string, group: string, resource: string): boolean {
  return rules.some(
    (rule) => has(rule.verbs, verb) && has(rule.apiGroups, group) && has(rule.resources, resource) && (rule.resourceNames ?? []).length === 0,
  );
}
