import 'server-only';

import { BffError } from './errors';

/** The largest request body the BFF accepts; larger ones get 413 before they are read. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(limit: number): BffError {
  return new BffError('payload_too_large', `The request body is larger than the limit of ${limit} bytes (${Math.round(limit / 1024)} KiB)`);
}

/**
 * Reads a request body as UTF-8 text, holding at most `limit` bytes in memory: a declared
 * Content-Length over the limit is refused without reading anything, and a body that turns out
 * longer (chunked, or a Content-Length that lies) is no longer kept once it passes the limit.
 */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, limit * DRAIN_FACTOR);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BffError('bad_request', 'The request body is not valid UTF-8');
  }
}

/**
 * How much more of an oversized body is read (and thrown away) before answering 413, as a
 * multiple of the limit. A server that closes a connection with unread request data makes the
 * kernel reset it, and the client loses the 413 already sent; draining a little (what nginx calls
 * lingering close) lets ordinary clients see it. Past this much the connection is cut.
 */
const DRAIN_FACTOR = 8;

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<void> {
  let drained = 0;
  while (drained <= budget) {
    const { done, value } = await reader.read();
    if (done) return;
    drained += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
}

/** The body parsed as JSON (`{}` when empty), or 400 naming what is wrong with it. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readBodyText(request, limit);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not the parser's message: it quotes the body, which may hold a password.
    throw new BffError('bad_request', 'The request body is not valid JSON');
  }
}
