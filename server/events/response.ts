import 'server-only';

import type { FleetCache } from '@/server/cache/fleet-cache';

import { ChangeStream } from './change-stream';

/** A client this far behind (bytes queued, unread) is dropped; EventSource reconnects and the page refetches. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and friends: do not buffer the stream.
  'X-Accel-Buffering': 'no',
} as const;

/**
 * The `text/event-stream` response of one tab: a {@link ChangeStream} over the cache, ended
 * when the client goes away (the request aborts or the body is cancelled).
 */
export function changeStreamResponse(request: Request, cache: FleetCache, workspace: string | undefined): Response {
  const encoder = new TextEncoder();
  let stream: ChangeStream | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let ended = false;
        stream = new ChangeStream({
          workspace,
          subscribe: (listener) => cache.subscribe(listener),
          isConnected: () => cache.healthy,
          write(text) {
            if (ended) return false;
            if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return false;
            controller.enqueue(encoder.encode(text));
            return true;
          },
          onClose() {
            if (ended) return;
            ended = true;
            request.signal.removeEventListener('abort', abort);
            try {
              controller.close();
            } catch {
              // already closed or cancelled by the client
            }
          },
        });
        const abort = () => stream?.close();
        if (request.signal.aborted) {
          stream.close();
          return;
        }
        request.signal.addEventListener('abort', abort, { once: true });
        stream.start();
      },
      cancel() {
        stream?.close();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  return new Response(body, { headers: SSE_HEADERS });
}
