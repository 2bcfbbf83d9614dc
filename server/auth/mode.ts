import 'server-only';

/**
 * How Fleet Deck decides who a request acts as:
 * - `none` (local): everything runs with the kubeconfig's identity, like kubectl; no sign-in.
 * - `token` (team): people sign in with their own Kubernetes bearer token; reads are filtered to
 *   what their RBAC allows and writes are made with their token, so the API server decides.
 *
 * `FLEET_DECK_AUTH` chooses; without it, a pod (KUBERNETES_SERVICE_HOST set, no kubeconfig
 * configured) runs in team mode, because a dashboard shared in-cluster must not lend its
 * service account to whoever reaches it.
 */
export type AuthMode = 'none' | 'token';

export class AuthModeError extends Error {
  override readonly name = 'AuthModeError';
}

export function authModeFrom(env: Readonly<Record<string, string | undefined>>): AuthMode {
  const chosen = env.FLEET_DECK_AUTH?.trim().toLowerCase();
  if (chosen === 'none' || chosen === 'token') return chosen;
  if (chosen) throw new AuthModeError(`FLEET_DECK_AUTH must be "none" or "token", not "${env.FLEET_DECK_AUTH}"`);
  const kubeconfigSet = Boolean(env.FLEET_DECK_KUBECONFIG?.trim() || env.KUBECONFIG?.trim());
  return env.KUBERNETES_SERVICE_HOST && !kubeconfigSet ? 'token' : 'none';
}

/**
 * The mode of this process (read once: it cannot change while the server runs). A value that is
 * neither mode fails closed: team mode, where nobody gets in without signing in, said in the log.
 */
export function authMode(): AuthMode {
  const holder = globalThis as unknown as Record<symbol, AuthMode | undefined>;
  let mode = holder[MODE_KEY];
  if (!mode) {
    try {
      mode = authModeFrom(process.env);
    } catch (error) {
      console.error(`[auth] ${(error as Error).message}; using "token" (sign-in required)`);
      mode = 'token';
    }
    holder[MODE_KEY] = mode;
  }
  return mode;
}

const MODE_KEY = Symbol.for('fleet-deck.auth-mode');
