import 'server-only';

import type { KubeConfig } from '@kubernetes/client-node';

import type { Bff } from '@/server/bff';
import { BffError } from '@/server/http/errors';

import { AccessCache, UNRESTRICTED, type UserAccess } from './access';
import { kubeAccessReviewer } from './kube-reviewer';
import { authMode, type AuthMode } from './mode';
import { scopedCache } from './scoped-cache';
import { decodeSession, type SessionData } from './session-cookie';
import { sessionSettings } from './settings';
import { kubeConfigWithToken } from './user-kubeconfig';

/**
 * Who a request acts as. In local mode: the kubeconfig's identity, allowed everything (the API
 * server still decides). In team mode: the signed-in person, with a KubeConfig carrying their
 * token for writes and their access for filtering reads.
 */
export interface Identity {
  mode: AuthMode;
  /** The signed-in person (team mode only). */
  user?: { username: string; groups: string[] };
  /** When the session ends (team mode only), ms since the epoch. */
  expiresAt?: number;
  /** Credentials writes are made with. */
  kubeConfig: KubeConfig;
  access: UserAccess;
  /** Fresh access for long-lived streams (cached like every other answer). */
  refreshAccess(): Promise<UserAccess>;
}

const CACHE_KEY = Symbol.for('fleet-deck.access-cache');
function accessCache(): AccessCache {
  const holder = globalThis as unknown as Record<symbol, AccessCache | undefined>;
  return (holder[CACHE_KEY] ??= new AccessCache());
}

export function localIdentity(bff: Bff): Identity {
  return { mode: 'none', kubeConfig: bff.kube.kc, access: UNRESTRICTED, refreshAccess: () => Promise.resolve(UNRESTRICTED) };
}

/** The session in a cookie value, if it is one (team mode). */
export function sessionFromCookie(value: string | undefined): SessionData | undefined {
  return decodeSession(value, sessionSettings().key);
}

export const SIGNED_OUT = 'Your session has ended or is not valid. Sign in again.';

/** The response header that tells the browser to go to the sign-in page (set with {@link SignInRequired}). */
export const SIGN_IN_HEADER = 'X-Fleet-Deck-Auth';

/**
 * 401 for a request without a valid team-mode session. Unlike a 401 the API server gives the
 * dashboard's own credentials (local mode, an expired kubeconfig token), signing in helps: the
 * response says so in {@link SIGN_IN_HEADER}, and the browser goes to the sign-in page.
 */
export class SignInRequired extends BffError {
  constructor() {
    super('unauthenticated', SIGNED_OUT);
  }
}

/**
 * The identity of a request from its session cookie value. In team mode, no valid session is a
 * 401 `unauthenticated`; a valid one costs one access load (cached per person for 30 s).
 */
export async function identify(bff: Bff, cookieValue: string | undefined): Promise<Identity> {
  if (authMode() === 'none') return localIdentity(bff);
  const session = sessionFromCookie(cookieValue);
  if (!session) throw new SignInRequired();
  const kubeConfig = kubeConfigWithToken(bff.kube.kc, session.token);
  const reviewer = kubeAccessReviewer(kubeConfig);
  const load = () => accessCache().load(session.token, reviewer, bff.cache.workspaceNames());
  let access: UserAccess;
  try {
    access = await load();
  } catch (error) {
    // A token the API server no longer accepts (revoked, expired) ends the session.
    if (error instanceof BffError && error.code === 'unauthenticated') throw new SignInRequired();
    throw error;
  }
  return {
    mode: 'token',
    user: { username: session.username, groups: session.groups },
    expiresAt: session.expiresAt,
    kubeConfig,
    access,
    refreshAccess: load,
  };
}

/**
 * The BFF as this identity may use it: the shared cache narrowed to what they may read, and —
 * for requests that change something — their own credentials, so the API server decides. Reads
 * that go to the API server (BundleDeployments of a detail page) keep the dashboard's
 * credentials: they are relations of an object the person may read, in namespaces they cannot.
 */
export function bffFor(bff: Bff, identity: Identity, options: { writes: boolean }): Bff {
  if (identity.mode === 'none') return bff;
  return {
    kube: options.writes ? { ...bff.kube, kc: identity.kubeConfig } : bff.kube,
    cache: scopedCache(bff.cache, () => identity.access),
  };
}

/** How often a long-lived stream asks again what its person may read. */
const STREAM_ACCESS_REFRESH_MS = 30_000;

/**
 * The cache for a change stream that stays open for hours: narrowed like {@link bffFor}'s, with the
 * person's access asked again in the background every 30 s, so a RoleBinding removed meanwhile
 * stops the notices it allowed.
 */
export function liveScopedCache(bff: Bff, identity: Identity): Bff['cache'] {
  if (identity.mode === 'none') return bff.cache;
  let current = identity.access;
  let checkedAt = Date.now();
  let pending = false;
  return scopedCache(bff.cache, () => {
    if (!pending && Date.now() - checkedAt > STREAM_ACCESS_REFRESH_MS) {
      pending = true;
      identity
        .refreshAccess()
        .then((next) => (current = next))
        .catch(() => undefined)
        .finally(() => {
          pending = false;
          checkedAt = Date.now();
        });
    }
    return current;
  });
}
