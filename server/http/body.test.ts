import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

const { readBodyText, readJsonBody } = await import('./body');
const { BffError } = await import('./errors');

function streamOf(chunks: Uint8Array[], pulled: { count: number; cancelled: boolean }): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      pulled.count += 1;
      const next = chunks[index++];
      if (next) controller.enqueue(next);
      else controller.close();
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
}

async function failure(promise: Promise<unknown>): Promise<InstanceType<typeof BffError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BffError) return error;
    throw error;
  }
  throw new Error('expected a BffError');
}

describe('readBodyText', () => {
  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const pulled = { count: 0, cancelled: false };
    const request = new Request('http://x/', { method: 'POST', body: streamOf([new Uint8Array(10)], pulled), headers: { 'content-length': '2000' }, duplex: 'half' } as RequestInit);
    const error = await failure(readBodyText(request, 1000));
    expect(error.code).toBe('payload_too_large');
    expect(error.status).toBe(413);
    expect(error.message).toContain('1000 bytes');
    // A stream pulls its first chunk on its own when created; nothing past that is read.
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it('refuses a body without Content-Length that passes the limit, and cuts off a much longer one', async () => {
    const pulled = { count: 0, cancelled: false };
    const chunks = Array.from({ length: 1000 }, () => new Uint8Array(400).fill(97));
    const request = new Request('http://x/', { method: 'POST', body: streamOf(chunks, pulled), duplex: 'half' } as RequestInit);
    const error = await failure(readBodyText(request, 1000));
    expect(error.code).toBe('payload_too_large');
    // Past the limit at most 8 × 1000 bytes more are read (and dropped), then the stream is cancelled.
    expect(pulled.count * 400).toBeLessThanOrEqual(1000 + 8 * 1000 + 2 * 400);
    expect(pulled.cancelled).toBe(true);
  });

  it('reads a body a little over the limit to its end, so the client gets the 413', async () => {
    const pulled = { count: 0, cancelled: false };
    const chunks = Array.from({ length: 5 }, () => new Uint8Array(400).fill(97));
    const request = new Request('http://x/', { method: 'POST', body: streamOf(chunks, pulled), duplex: 'half' } as RequestInit);
    expect((await failure(readBodyText(request, 1000))).code).toBe('payload_too_large');
    expect(pulled.cancelled).toBe(false);
    expect(pulled.count).toBe(6);
  });

  it('reads a body at the limit, in pieces, as UTF-8', async () => {
    const text = 'ä'.repeat(500);
    const bytes = new TextEncoder().encode(text);
    const pulled = { count: 0, cancelled: false };
    const request = new Request('http://x/', { method: 'POST', body: streamOf([bytes.slice(0, 1), bytes.slice(1)], pulled), duplex: 'half' } as RequestInit);
    expect(await readBodyText(request, 1000)).toBe(text);
  });

  it('refuses bytes that are not UTF-8 with 400', async () => {
    const request = new Request('http://x/', { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x7b]) });
    const error = await failure(readBodyText(request));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('UTF-8');
  });
});

describe('readJsonBody', () => {
  it('treats an empty body as {}', async () => {
    expect(await readJsonBody(new Request('http://x/', { method: 'POST' }))).toEqual({});
  });

  it('says the body is not JSON without quoting it back', async () => {
    const error = await failure(readJsonBody(new Request('http://x/', { method: 'POST', body: '{"password": "hunter2"' })));
    expect(error.code).toBe('bad_request');
    expect(error.message).toBe('The request body is not valid JSON');
    expect(error.message).not.toContain('hunter2');
  });
});
