/** A minimal Server-Sent Events client over fetch, recording every message with its arrival time. */

export interface SseMessage {
  event: string;
  data: unknown;
  at: number;
}

export interface SseClient {
  messages: SseMessage[];
  status: number;
  contentType: string | null;
  cacheControl: string | null;
  /** Resolves with the first message at index `since` or later (received or future) that matches. */
  waitFor(predicate: (message: SseMessage) => boolean, timeoutMs: number, what?: string, since?: number): Promise<SseMessage>;
  close(): void;
}

/** `headers` adds request headers (e.g. a session `Cookie` in team mode). */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/event-stream', ...headers } });
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  const client: SseClient = {
    messages,
    status: response.status,
    contentType: response.headers.get('content-type'),
    cacheControl: response.headers.get('cache-control'),
    waitFor(predicate, timeoutMs, what = 'an SSE message', since = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(since).find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages.map((m) => [m.event, m.data])).slice(0, 2000)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
  if (!response.body) return client;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length === 0) continue;
          messages.push({ event, data: JSON.parse(data.join('\n')), at: Date.now() });
          for (const waiter of [...waiters]) waiter();
        }
      }
    } catch {
      // closed
    }
  })();
  return client;
}

interface Change {
  kind: string;
  workspace: string;
  name?: string;
  type?: string;
}

/** A `changes` message mentioning this object. */
export function mentions(kind: string, name: string, type?: string) {
  return (message: SseMessage) =>
    message.event === 'changes' && ((message.data as { changes: Change[] }).changes ?? []).some((c) => c.kind === kind && c.name === name && (!type || c.type === type));
}

export function statusIs(connected: boolean) {
  return (message: SseMessage) => message.event === 'status' && (message.data as { connected: boolean }).connected === connected;
}
