/** Who made a request, as kube-apiserver's authenticators describe a user. */
export interface UserInfo {
  username: string;
  uid: string;
  groups: readonly string[];
}

export const SYSTEM_MASTERS = 'system:masters';
export const SYSTEM_AUTHENTICATED = 'system:authenticated';

/** The identity behind the kubeconfig's generated token. */
export const ADMIN_USER: UserInfo = { username: 'fleet-deck-admin', uid: '', groups: [SYSTEM_MASTERS, SYSTEM_AUTHENTICATED] };

/** Every authenticated user is in `system:authenticated`, as kube-apiserver adds it. */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(SYSTEM_AUTHENTICATED)) return user;
  return { ...user, groups: [...user.groups, SYSTEM_AUTHENTICATED] };
}
