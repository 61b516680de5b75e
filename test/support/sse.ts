/**
 * A small Server-Sent Events client for tests, over fetch: parses `id:`, `event:` and `data:`
 * lines of the body stream into events, counts comment lines (heartbeats), and lets a test
 * wait for the next event. Always `close()` it (an open stream would hold the server open).
 */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
  json: any;
}

export class SseStream {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  private consumed = 0;
  private wake: (() => void) | undefined;
  private constructor(readonly status: number, readonly headers: Headers, readonly problem: any, private readonly controller: AbortController) {}

  /** Opens a stream; a non-200 answer is returned with its problem body and no stream. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const controller = new AbortController();
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
    if (res.status !== 200 || !res.body) {
      const type = res.headers.get("content-type") ?? "";
      const body = type.includes("json") ? await res.json() : await res.text();
      return new SseStream(res.status, res.headers, body, controller);
    }
    const stream = new SseStream(res.status, res.headers, undefined, controller);
    void stream.read(res.body);
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.wake?.();
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = "message";
    const data: string[] = [];
    let any = false;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) { this.comments++; continue; }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") { id = value; any = true; }
      else if (field === "event") { event = value; any = true; }
      else if (field === "data") { data.push(value); any = true; }
    }
    if (!any || data.length === 0) return;
    const text = data.join("\n");
    let json: unknown;
    try { json = JSON.parse(text); } catch { json = undefined; }
    this.events.push({ id, event, data: text, json });
    this.wake?.();
  }

  /** The next event not yet taken (in arrival order), waiting up to timeoutMs. */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.consumed >= this.events.length) {
      if (this.ended) throw new Error("stream ended before the next event");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (received: ${this.events.map((e) => e.event).join(", ") || "none"})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      this.wake = undefined;
    }
    return this.events[this.consumed++]!;
  }

  /** Events received and not yet taken. */
  pending(): SseEvent[] {
    return this.events.slice(this.consumed);
  }

  /** Resolves when the server ends the stream. */
  async waitEnded(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error("stream still open");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.controller.abort();
  }
}
