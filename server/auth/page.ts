import 'server-only';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';

import type { Session } from '@/lib/api/schemas';

import { sessionFromCookie } from './identity';
import { authMode } from './mode';
import { SESSION_COOKIE } from './session-cookie';

/** Where sign-in sends the browser afterwards: a path of this site only (never `//host` or a URL). */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in')) return '/';
  return next;
}

export function signInHref(next: string): string {
  return `/sign-in?next=${encodeURIComponent(safeNext(next))}`;
}

/**
 * For pages: who the page is for. In team mode without a valid session (none, forged, changed or
 * expired cookie) the browser is sent to the sign-in page, which brings it back to `next`.
 */
export async function requirePageSession(next: string): Promise<Session> {
  if (authMode() === 'none') return { mode: 'none' };
  const session = sessionFromCookie((await cookies()).get(SESSION_COOKIE)?.value);
  if (!session) redirect(signInHref(next));
  return { mode: 'token', user: { username: session.username, groups: session.groups }, expiresAt: new Date(session.expiresAt).toISOString() };
}

/** The valid session of the page's request, if any (team mode). */
export async function currentPageSession(): Promise<Session | undefined> {
  if (authMode() === 'none') return { mode: 'none' };
  const session = sessionFromCookie((await cookies()).get(SESSION_COOKIE)?.value);
  return session ? { mode: 'token', user: { username: session.username, groups: session.groups }, expiresAt: new Date(session.expiresAt).toISOString() } : undefined;
}
