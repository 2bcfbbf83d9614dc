import { matchesLabelSelector, type LabelSelector } from '../../../lib/k8s/label-selector';
import type { ChangeEvent, ObjectStore } from '../object-store';
import { SYSTEM_MASTERS, type UserInfo } from '../auth/user';
import type { RequestAttributes } from './attributes';
import { AUTHENTICATED_RULES, BUILTIN_GROUP } from './builtin';
import { RBAC_GROUP, serviceAccountUsername, type BindingObject, type PolicyRule, type RoleObject, type Subject } from './policy';
import { ruleAllows } from './rules';

export interface Decision {
  allowed: boolean;
  /** Which binding allowed the request (kube's RBAC reason), or why nothing did. */
  reason: string;
}

/** The rules a user has in one namespace, as SelfSubjectRulesReview reports them. */
export interface RuleSet {
  resourceRules: PolicyRule[];
  nonResourceRules: PolicyRule[];
}

/** Rules granted by one binding, with the words kube uses to say which binding it was. */
interface Grant {
  rules: readonly PolicyRule[];
  source: string;
}

const KEYS = {
  roles: `${RBAC_GROUP}/roles`,
  clusterRoles: `${RBAC_GROUP}/clusterroles`,
  roleBindings: `${RBAC_GROUP}/rolebindings`,
  clusterRoleBindings: `${RBAC_GROUP}/clusterrolebindings`,
};
const RBAC_KEYS = new Set(Object.values(KEYS));

/** Index key of a subject as the authenticator names users: `User:reader`, `Group:team-a-editors`. */
const userKey = (name: string) => `User:${name}`;
const groupKey = (name: string) => `Group:${name}`;

/**
 * The RBAC authorizer. Bindings are indexed by subject, with their roles' rules resolved, so a
 * request costs a few map lookups and the matching of that user's rules — never a scan of every
 * binding. The index is rebuilt (lazily, once per burst of changes) when an RBAC object changes.
 */
export class RbacAuthorizer {
  private clusterGrants = new Map<string, Grant[]>();
  private namespaceGrants = new Map<string, Map<string, Grant[]>>();
  private stale = true;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((event: ChangeEvent) => {
      if (RBAC_KEYS.has(event.resource)) this.stale = true;
    });
  }

  close(): void {
    this.unsubscribe();
  }

  authorize(user: UserInfo, attributes: RequestAttributes): Decision {
    if (user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: `allowed: ${JSON.stringify(user.username)} is in the ${SYSTEM_MASTERS} group` };
    for (const grant of this.grantsFor(user, attributes.resourceRequest ? attributes.namespace : '')) {
      if (grant.rules.some((rule) => ruleAllows(rule, attributes))) return { allowed: true, reason: `RBAC: allowed by ${grant.source}` };
    }
    return { allowed: false, reason: '' };
  }

  /** Every rule that applies to the user in `namespace` ('' = cluster-wide rules only). */
  rulesFor(user: UserInfo, namespace: string): RuleSet {
    const rules = [...this.grantsFor(user, namespace)].flatMap((grant) => grant.rules);
    const resourceRules: PolicyRule[] = [];
    const nonResourceRules: PolicyRule[] = [];
    for (const rule of rules) {
      if ((rule.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs });
      if ((rule.resources ?? []).length > 0) {
        resourceRules.push({
          verbs: rule.verbs,
          apiGroups: rule.apiGroups ?? [],
          resources: rule.resources,
          ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
        });
      }
    }
    return { resourceRules, nonResourceRules };
  }

  private *grantsFor(user: UserInfo, namespace: string): Generator<Grant> {
    this.refresh();
    const subjects = [userKey(user.username), ...user.groups.map(groupKey)];
    for (const subject of subjects) yield* this.clusterGrants.get(subject) ?? [];
    if (!namespace) return;
    for (const subject of subjects) yield* this.namespaceGrants.get(subject)?.get(namespace) ?? [];
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const clusterRoles = new Map(this.store.list(KEYS.clusterRoles).map((s) => [s.object.metadata.name, s.object as RoleObject]));
    const aggregated = new Map<string, readonly PolicyRule[]>();
    const clusterRoleRules = (name: string) => effectiveRules(name, clusterRoles, aggregated, new Set());

    const clusterGrants = new Map<string, Grant[]>();
    for (const builtin of AUTHENTICATED_RULES) {
      add(clusterGrants, groupKey(BUILTIN_GROUP), { rules: builtin.rules, source: `ClusterRoleBinding ${JSON.stringify(builtin.role)} of ClusterRole ${JSON.stringify(builtin.role)} to Group ${JSON.stringify(BUILTIN_GROUP)}` });
    }
    for (const { object } of this.store.list(KEYS.clusterRoleBindings)) {
      const binding = object as BindingObject;
      const rules = clusterRoleRules(binding.roleRef.name);
      if (rules.length === 0) continue;
      for (const subject of binding.subjects ?? []) {
        const key = subjectKey(subject, undefined);
        if (key) add(clusterGrants, key, { rules, source: `ClusterRoleBinding ${JSON.stringify(binding.metadata.name)} of ClusterRole ${JSON.stringify(binding.roleRef.name)} to ${describe(subject)}` });
      }
    }

    const namespaceGrants = new Map<string, Map<string, Grant[]>>();
    for (const { object } of this.store.list(KEYS.roleBindings)) {
      const binding = object as BindingObject;
      const namespace = binding.metadata.namespace!;
      const rules = binding.roleRef.kind === 'Role'
        ? ((this.store.get(KEYS.roles, namespace, binding.roleRef.name)?.object as RoleObject | undefined)?.rules ?? [])
        : clusterRoleRules(binding.roleRef.name);
      if (rules.length === 0) continue;
      for (const subject of binding.subjects ?? []) {
        const key = subjectKey(subject, namespace);
        if (!key) continue;
        let byNamespace = namespaceGrants.get(key);
        if (!byNamespace) namespaceGrants.set(key, (byNamespace = new Map()));
        const source = `RoleBinding ${JSON.stringify(`${binding.metadata.name}/${namespace}`)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describe(subject)}`;
        add(byNamespace, namespace, { rules, source });
      }
    }
    this.clusterGrants = clusterGrants;
    this.namespaceGrants = namespaceGrants;
  }
}

/**
 * A ClusterRole's rules; for one with an aggregationRule, the rules of every other ClusterRole its
 * selectors match (what kube's aggregation controller writes into it), followed transitively.
 */
export function effectiveRules(
  name: string,
  clusterRoles: ReadonlyMap<string, RoleObject>,
  memo: Map<string, readonly PolicyRule[]>,
  visiting: Set<string>,
): readonly PolicyRule[] {
  const cached = memo.get(name);
  if (cached) return cached;
  const role = clusterRoles.get(name);
  if (!role) return [];
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors || selectors.length === 0) return role.rules ?? [];
  if (visiting.has(name)) return [];
  visiting.add(name);
  const rules: PolicyRule[] = [];
  for (const [otherName, other] of clusterRoles) {
    if (otherName === name || !selectors.some((s: LabelSelector) => matchesLabelSelector(s, other.metadata.labels, { nilMatches: 'nothing' }))) continue;
    for (const rule of effectiveRules(otherName, clusterRoles, memo, visiting)) {
      if (!rules.some((known) => sameRule(known, rule))) rules.push(rule);
    }
  }
  visiting.delete(name);
  memo.set(name, rules);
  return rules;
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function subjectKey(subject: Subject, bindingNamespace: string | undefined): string | undefined {
  switch (subject.kind) {
    case 'User':
      return userKey(subject.name);
    case 'Group':
      return groupKey(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace ? userKey(serviceAccountUsername(namespace, subject.name)) : undefined;
    }
    default:
      return undefined;
  }
}

function describe(subject: Subject): string {
  const name = subject.kind === 'ServiceAccount' && subject.namespace ? `${subject.namespace}/${subject.name}` : subject.name;
  return `${subject.kind} ${JSON.stringify(name)}`;
}

function add<K>(map: Map<K, Grant[]>, key: K, grant: Grant): void {
  const list = map.get(key);
  if (list) list.push(grant);
  else map.set(key, [grant]);
}
