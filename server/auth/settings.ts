import 'server-only';

import { randomBytes } from 'node:crypto';

import { parseGoDuration } from '@/lib/k8s/duration';

import { sessionKey } from './session-cookie';

/** Sessions last this long unless FLEET_DECK_SESSION_TTL says otherwise (a Go duration, e.g. `8h`, `30m`). */
const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000;

export interface SessionSettings {
  key: Buffer;
  ttlMs: number;
}

const KEY = Symbol.for('fleet-deck.session-settings');

/**
 * The session key and lifetime of this process. Replicas share sessions when they share
 * FLEET_DECK_SESSION_SECRET; without it a random key is made at start-up, so sessions end with the
 * process and a second replica cannot read the first one's cookies — said once, in the log.
 */
export function sessionSettings(): SessionSettings {
  const holder = globalThis as unknown as Record<symbol, SessionSettings | undefined>;
  let settings = holder[KEY];
  if (!settings) {
    settings = { key: keyFrom(process.env.FLEET_DECK_SESSION_SECRET), ttlMs: ttlFrom(process.env.FLEET_DECK_SESSION_TTL) };
    holder[KEY] = settings;
  }
  return settings;
}

function keyFrom(secret: string | undefined): Buffer {
  if (secret && secret.trim().length > 0) {
    if (secret.length < 32) console.warn('[auth] FLEET_DECK_SESSION_SECRET is shorter than 32 characters; use a long random value (e.g. `openssl rand -base64 48`).');
    return sessionKey(secret);
  }
  console.warn(
    '[auth] FLEET_DECK_SESSION_SECRET is not set: using a random session key. Sessions will not survive a restart and will not work across replicas.',
  );
  return sessionKey(randomBytes(48).toString('base64'));
}

export function ttlFrom(value: string | undefined): number {
  if (!value?.trim()) return DEFAULT_TTL_MS;
  const ms = parseGoDuration(value.trim());
  if (ms === null || !Number.isFinite(ms) || ms <= 0) {
    console.warn(`[auth] FLEET_DECK_SESSION_TTL "${value}" is not a positive duration like 8h or 30m; using 8h.`);
    return DEFAULT_TTL_MS;
  }
  return ms;
}
