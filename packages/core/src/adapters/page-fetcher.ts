import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { Agent, errors as undiciErrors, request } from "undici";
import { bareHost, isIpLiteral, isPublicAddress } from "../import/address-guard.js";
import { CancelledError } from "../errors.js";
import { ImportFetchError, ImportRefusedError, ImportTooLargeError } from "../import/import-errors.js";
import type { FetchedPage, PageFetcher } from "../ports/page-fetcher.js";

export interface PageFetcherOptions {
  /** Host names (as written in URLs) that may resolve to private addresses: tests' loopback pages only. */
  allowHosts?: readonly string[] | undefined;
  /** Largest page read, in bytes; 2 MB by default. */
  maxBytes?: number | undefined;
  /** Whole fetch, redirects included; 10 s by default. */
  timeoutMs?: number | undefined;
  maxRedirects?: number | undefined;
  /** Name resolution; node:dns by default. */
  lookup?: typeof dnsLookup | undefined;
}

/** Thrown inside the connector; found again in the error undici rejects with. */
class RefusedAddress extends Error {}

/**
 * The guarded page fetcher (undici). Only http(s) without credentials in the URL. Every connection goes
 * through a lookup that resolves the name, refuses it when any address is not public (unless the host is
 * allowed by name) and hands the socket exactly the addresses it checked, so a DNS answer that changes
 * between check and connect (rebinding) cannot slip through; IP literals are checked before the request.
 * Redirects are followed by hand, each hop checked again, at most `maxRedirects`. Pages are read up to
 * `maxBytes` and cut off there; one deadline covers every hop. No cookie, no Authorization, nothing of the
 * caller's is sent.
 */
export function createPageFetcher(options: PageFetcherOptions = {}): PageFetcher & { close(): Promise<void> } {
  const allowed = new Set((options.allowHosts ?? []).map(bareHost));
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolve = options.lookup ?? dnsLookup;

  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname, { all: true, family: lookupOptions.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address));
      if (refused && !allowed.has(bareHost(hostname))) {
        return callback(new RefusedAddress(`${hostname} resolves to an address Sous does not fetch from`), "", 0);
      }
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };

  const agent = new Agent({
    connect: { lookup: guardedLookup, timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: 16,
  });

  function check(target: URL): void {
    if (target.protocol !== "http:" && target.protocol !== "https:") {
      throw new ImportRefusedError("Only http and https pages can be imported");
    }
    if (target.username || target.password) throw new ImportRefusedError("Addresses with credentials cannot be imported");
    const host = bareHost(target.hostname);
    if (isIpLiteral(host) && !isPublicAddress(host) && !allowed.has(host)) {
      throw new ImportRefusedError("That address is private; only public web pages can be imported");
    }
  }

  async function fetchPage(url: string, signal: AbortSignal | undefined): Promise<FetchedPage> {
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new ImportRefusedError("Not a valid address");
    }
    for (let hop = 0; ; hop++) {
      check(current);
      const response = await request(current, {
        dispatcher: agent,
        method: "GET",
        signal: combined,
        headers: {
          accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
          "user-agent": "SousRecipeImport/1.0",
        },
      }).catch((error: unknown) => {
        throw translate(error, deadline, signal);
      });
      const { statusCode, headers, body } = response;
      if (statusCode >= 300 && statusCode < 400 && headers.location) {
        discard(body);
        if (hop >= maxRedirects) throw new ImportFetchError("The page redirects too many times");
        current = new URL(String(headers.location), current);
        continue;
      }
      if (statusCode < 200 || statusCode >= 300) {
        discard(body);
        throw new ImportFetchError(`The page answered with status ${statusCode}`);
      }
      const type = String(headers["content-type"] ?? "text/html").toLowerCase();
      if (!/^(text\/html|application\/xhtml\+xml)/.test(type)) {
        discard(body);
        throw new ImportFetchError("The address is not a web page");
      }
      const declared = Number(headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(body);
        throw new ImportTooLargeError(maxBytes);
      }
      const bytes = await readCapped(body, maxBytes).catch((error: unknown) => {
        throw translate(error, deadline, signal);
      });
      return { url: current.toString(), html: decode(bytes, type) };
    }
  }

  return {
    fetch: (url, fetchOptions) => fetchPage(url, fetchOptions?.signal),
    close: () => agent.close(),
  };
}

/** Drops a body unread; its stream then errors (aborted), which is expected and must not surface unhandled. */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): void }): void {
  body.on("error", () => {});
  body.destroy();
}

async function readCapped(
  body: AsyncIterable<Buffer> & { on(event: "error", listener: () => void): unknown; destroy(): void },
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      discard(body);
      throw new ImportTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The charset the server declared, else UTF-8; an unknown label falls back to UTF-8 too. */
function decode(bytes: Buffer, contentType: string): string {
  const charset = /charset="?([\w-]+)/.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function translate(error: unknown, deadline: AbortSignal, caller: AbortSignal | undefined): Error {
  if (caller?.aborted) return new CancelledError(error);
  if (error instanceof ImportTooLargeError || error instanceof ImportRefusedError || error instanceof ImportFetchError) {
    return error;
  }
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof RefusedAddress) return new ImportRefusedError("That address is private; only public web pages can be imported");
  }
  if (deadline.aborted || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return new ImportFetchError("The page took too long to answer", error);
  }
  return new ImportFetchError("The page could not be reached", error);
}
