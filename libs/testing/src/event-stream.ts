/** One Server-Sent Event as a reader sees it, with when it was read. */
export interface StreamEvent {
  readonly event: string;
  readonly id: string;
  readonly data: string;
  readonly receivedAt: number;
}

/** An open `text/event-stream` answer, read as a browser's `fetch` reader reads it. */
export interface EventStream {
  readonly status: number;
  readonly contentType: string;
  /** Every event so far, in order; grows while the stream is open. */
  readonly events: StreamEvent[];
  /** Comment lines (`: …`), which servers send as keep-alives. */
  readonly comments: string[];
  /** Resolves when the server ends the stream (or `close` was called). */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

export interface EventStreamOptions {
  readonly headers?: Record<string, string>;
  /** What `receivedAt` is measured with (e.g. `performance.now` for a benchmark); `Date.now` if unset. */
  readonly now?: () => number;
}

/**
 * Opens a Server-Sent Events stream with `fetch` (so it can send a bearer token, which
 * `EventSource` cannot), and collects its events as they arrive.
 */
export async function openEventStream(url: string, options: EventStreamOptions = {}): Promise<EventStream> {
  const now = options.now ?? Date.now;
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { ...options.headers, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const ended = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const receivedAt = now();
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
            }
          }
          if (fields['data'] !== undefined) {
            events.push({
              event: fields['event'] ?? 'message',
              id: fields['id'] ?? '',
              data: fields['data'],
              receivedAt,
            });
          }
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    events,
    comments,
    ended,
    async close() {
      abort.abort();
      await ended;
    },
  };
}
