import { signInBodySchema, type Session } from '@/lib/api/schemas';
import { authMode } from '@/server/auth/mode';
import { clientAddress, signInLimiter } from '@/server/auth/rate-limit';
import { cookieFromHeader, encodeSession, SESSION_COOKIE, sessionSetCookie, type SessionData } from '@/server/auth/session-cookie';
import { sessionFromCookie } from '@/server/auth/identity';
import { sessionSettings } from '@/server/auth/settings';
import { verifyToken } from '@/server/auth/verify-token';
import { currentBff } from '@/server/bff';
import { readJsonBody } from '@/server/http/body';
import { BffError } from '@/server/http/errors';
import { route } from '@/server/http/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store' };
/** What fits in one cookie with its attributes (browsers keep 4096 bytes per cookie). */
const MAX_COOKIE_VALUE = 3_900;

function sessionDto(session: SessionData | undefined): Session {
  if (!session) return { mode: authMode() };
  return { mode: 'token', user: { username: session.username, groups: session.groups }, expiresAt: new Date(session.expiresAt).toISOString() };
}

/** Over https (directly or behind a proxy that says so) the cookie is Secure. */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

// GET /api/v1/session – who is signed in ({mode:'none'} in local mode); 401 without a valid session in team mode
export const GET = route({ name: 'GET /api/v1/session', withoutCache: true, public: true }, ({ request }) => {
  if (authMode() === 'none') return sessionDto(undefined);
  const session = sessionFromCookie(cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE));
  if (!session) throw new BffError('unauthenticated', 'Not signed in');
  return sessionDto(session);
});

// POST /api/v1/session – { token }: checked with the API server, then kept encrypted in an httpOnly cookie
export const POST = route(
  { name: 'POST /api/v1/session', withoutCache: true, public: true, mutation: true },
  async ({ request, audit }) => {
    // Counted before anything else, so even malformed attempts use up the allowance.
    const retryAfter = signInLimiter().attempt(clientAddress(request));
    if (retryAfter > 0) {
      const failure = new BffError('too_many_requests', `Too many sign-in attempts from this address. Try again in ${retryAfter} s.`);
      return Response.json(failure.toBody(), { status: failure.status, headers: { ...NO_STORE, 'Retry-After': String(retryAfter) } });
    }
    if (authMode() === 'none') throw new BffError('bad_request', 'Fleet Deck runs in local mode (FLEET_DECK_AUTH=none): there is nothing to sign in to');
    const parsed = signInBodySchema.safeParse(await readBody(request));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BffError('invalid', issue.message.startsWith('token') ? issue.message : `token: ${issue.message}`, 'token');
    }
    const user = await verifyToken(currentBff().kube.kc, parsed.data.token);
    audit.user = user.username;
    const { key, ttlMs } = sessionSettings();
    let session: SessionData = { token: parsed.data.token, username: user.username, groups: user.groups, expiresAt: Date.now() + ttlMs };
    let value = encodeSession(session, key);
    // Browsers keep cookies up to about 4 KiB: a long list of groups (shown, never used to decide) goes first.
    if (value.length > MAX_COOKIE_VALUE) value = encodeSession((session = { ...session, groups: [] }), key);
    if (value.length > MAX_COOKIE_VALUE) throw new BffError('invalid', 'token: this token is too long to keep in a browser cookie', 'token');
    return Response.json(sessionDto(session), {
      headers: { ...NO_STORE, 'Set-Cookie': sessionSetCookie(value, { secure: isHttps(request), maxAge: ttlMs / 1000 }) },
    });
  },
);

// DELETE /api/v1/session – sign out: the cookie is cleared (answers the same without a session)
export const DELETE = route({ name: 'DELETE /api/v1/session', withoutCache: true, public: true, mutation: true }, ({ request, audit }) => {
  const session = sessionFromCookie(cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE));
  if (session) audit.user = session.username;
  return Response.json(
    { mode: authMode() } satisfies Session,
    { headers: { ...NO_STORE, 'Set-Cookie': sessionSetCookie('', { secure: isHttps(request), maxAge: 0 }) } },
  );
});

/** The body is read here (not by the route's schema) so that a rate-limited attempt is refused before it is parsed. */
async function readBody(request: Request): Promise<unknown> {
  // Size-capped while streaming: 413 past 64 KiB without holding a larger body in memory.
  return readJsonBody(request, 64 * 1024);
}
