import 'server-only';

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The team-mode session lives entirely in its cookie, so any replica can serve any request with
 * no shared store: the user's bearer token, who they are, and when the session ends, encrypted
 * and authenticated with AES-256-GCM under a key derived from FLEET_DECK_SESSION_SECRET. A cookie
 * that was forged, changed, cut short, made with another key, or has expired decodes to nothing.
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>` (base64url); the version is the additional authenticated data.
 */

export const SESSION_COOKIE = 'fleet_deck_session';

const VERSION = 'v1';
const IV_BYTES = 12;

export interface SessionData {
  token: string;
  username: string;
  groups: string[];
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/** AES-256 key from any secret text (HKDF-SHA256 with a fixed purpose label). */
export function sessionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'fleet-deck session cookie v1', 32));
}

export function encodeSession(data: SessionData, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const payload = JSON.stringify({ t: data.token, u: data.username, g: data.groups, e: data.expiresAt });
  const ciphertext = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** The session in a cookie value, or undefined when it is not a valid, unexpired session. */
export function decodeSession(value: string | undefined, key: Buffer, now = Date.now()): SessionData | undefined {
  if (!value || value.length > 16_384) return undefined;
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
  const [, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
  try {
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(plain) as { t?: unknown; u?: unknown; g?: unknown; e?: unknown };
    if (typeof parsed.t !== 'string' || typeof parsed.u !== 'string' || typeof parsed.e !== 'number' || !Array.isArray(parsed.g)) return undefined;
    if (parsed.e <= now) return undefined;
    return { token: parsed.t, username: parsed.u, groups: parsed.g.filter((g): g is string => typeof g === 'string'), expiresAt: parsed.e };
  } catch {
    // Wrong key, changed bytes or a cut-off value: the tag check fails. Not a session.
    return undefined;
  }
}

/** The value of one cookie in a `Cookie` request header. */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; 0 clears the cookie. */
  maxAge: number;
}

/** A `Set-Cookie` header for the session: httpOnly, SameSite=Strict, whole site, Secure over https. */
export function sessionSetCookie(value: string, options: CookieOptions): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`];
  if (options.maxAge <= 0) attributes.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}
