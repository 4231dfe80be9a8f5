/**
 * Node's http request and response ↔ the fetch API's Request and Response, for tRPC's fetch adapter.
 *
 * Why not tRPC's Express or standalone adapter: measured with `pnpm bench`, Express's routing and tRPC's
 * node-http bridge (a body stream per request, an abort that builds a DOMException per request, a
 * WritableStream per response) cost about 200 µs of CPU per call, more than a saved.list's database round
 * trip. Here a body arrives already read, the abort fires only when a client really goes away, and a JSON
 * answer is written in one piece; only streamed answers (SSE subscriptions) are piped chunk by chunk.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export function toFetchRequest(req: IncomingMessage, url: URL, body: string | undefined, signal?: AbortSignal): Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return new Request(url, { method: req.method ?? "GET", headers, body, ...(signal ? { signal } : {}) });
}

/** Aborted when the connection closes before the response was fully written (the client went away). */
export function abortedOnClose(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

export async function writeFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) appendHeader(res, "Set-Cookie", cookies);

  if (!response.body) {
    res.end();
  } else if (isStreamed(response)) {
    await pipe(response.body, res);
  } else {
    // As a string, Node sends the head and the body in one write.
    res.end(await response.text());
  }
}

/** Adds to a header that may already hold values (Set-Cookie is sent once per cookie). */
export function appendHeader(res: ServerResponse, name: string, values: string[]): void {
  const current = res.getHeader(name);
  const existing = current === undefined ? [] : Array.isArray(current) ? current : [String(current)];
  res.setHeader(name, [...existing, ...values]);
}

/** Server-sent events, and tRPC's chunked JSON lines, arrive over time; every other answer is whole. */
function isStreamed(response: Response): boolean {
  return (
    response.headers.get("content-type")?.startsWith("text/event-stream") === true ||
    response.headers.get("transfer-encoding") === "chunked"
  );
}

async function pipe(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  // A client that goes away cancels the stream (tRPC also sees the request's signal and stops the procedure).
  const cancel = () => void reader.cancel().catch(() => undefined);
  res.once("close", cancel);
  res.flushHeaders();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await drained(res);
    }
    res.end();
  } catch (error) {
    if (!res.destroyed) throw error; // a read failing because the client left is not an error
  } finally {
    res.off("close", cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}
