import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hugePage, html, redirect, startPageServer } from "@sous/testkit";
import { createPageFetcher } from "../../src/adapters/page-fetcher.js";
import { DomainError } from "../../src/errors.js";

type Server = Awaited<ReturnType<typeof startPageServer>>;

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** A resolver that answers every name with the given addresses (what a hostile DNS server could say). */
function fakeLookup(addresses: LookupAddress[]) {
  return ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(null, addresses)) as never;
}

describe("the guarded page fetcher", () => {
  let server: Server;
  const fetchers: { close(): Promise<void> }[] = [];
  const make = (options: Parameters<typeof createPageFetcher>[0]) => {
    const fetcher = createPageFetcher(options);
    fetchers.push(fetcher);
    return fetcher;
  };

  beforeAll(async () => {
    server = await startPageServer({
      "/page": html("<h1>hello</h1>", { "set-cookie": "session=abc" }),
      "/to-loopback-ip": (req, res) => redirect(`http://127.0.0.1:${server.port}/page`)(req, res),
      "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
      "/to-ipv6-loopback": (req, res) => redirect(`http://[::1]:${server.port}/page`)(req, res),
      "/to-ftp": redirect("ftp://localhost/file"),
      "/relative": redirect("/page", 301),
      "/loop": redirect("/loop"),
      "/huge": hugePage(10 * 1024 * 1024),
      "/huge-declared": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html", "content-length": String(10 * 1024 * 1024) });
        res.end("<p>lies</p>");
      },
      "/json": (_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end("{}"),
      "/gone": (_req, res) => void res.writeHead(410, { "content-type": "text/html" }).end("gone"),
      "/slow": () => {}, // never answers
      "/latin1": (_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=iso-8859-1" });
        res.end(Buffer.from([0x63, 0x72, 0xe8, 0x6d, 0x65])); // "crème"
      },
    });
  });
  afterAll(async () => {
    await Promise.all(fetchers.map((f) => f.close()));
    await server.close();
  });

  it("reads a page from an allowed host, sending no cookie or credentials", async () => {
    const fetcher = make({ allowHosts: ["localhost"] });
    const page = await fetcher.fetch(`${server.url}/page`);
    expect(page).toEqual({ url: `${server.url}/page`, html: "<h1>hello</h1>" });
    const sent = server.requests.at(-1)!.headers;
    expect(sent.cookie).toBeUndefined();
    expect(sent.authorization).toBeUndefined();
    // A cookie the page set is not sent back on the next request.
    await fetcher.fetch(`${server.url}/page`);
    expect(server.requests.at(-1)!.headers.cookie).toBeUndefined();
  });

  it("refuses loopback when no host is allowed, by name and by address", async () => {
    const fetcher = make({});
    const before = server.requests.length;
    expect((await failure(fetcher.fetch(`${server.url}/page`))).code).toBe("BAD_REQUEST");
    expect((await failure(fetcher.fetch(`http://127.0.0.1:${server.port}/page`))).message).toMatch(/private/);
    expect((await failure(fetcher.fetch(`http://[::1]:${server.port}/page`))).code).toBe("BAD_REQUEST");
    expect(server.requests.length).toBe(before);
  });

  it.each(["/to-loopback-ip", "/to-metadata", "/to-ipv6-loopback"])(
    "re-checks redirects: %s from an allowed host to a private address is refused",
    async (path) => {
      const fetcher = make({ allowHosts: ["localhost"] });
      const error = await failure(fetcher.fetch(`${server.url}${path}`));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/private/);
      expect(server.requests.at(-1)!.path).toBe(path);
    },
  );

  it("follows a relative redirect on the same allowed host, and stops a redirect loop", async () => {
    const fetcher = make({ allowHosts: ["localhost"], maxRedirects: 3 });
    await expect(fetcher.fetch(`${server.url}/relative`)).resolves.toMatchObject({ url: `${server.url}/page` });
    expect((await failure(fetcher.fetch(`${server.url}/loop`))).message).toMatch(/redirects too many/);
    expect((await failure(fetcher.fetch(`${server.url}/to-ftp`))).message).toMatch(/http and https/);
  });

  it("refuses a name that resolves to a private address (DNS), checked at connect time", async () => {
    const fetcher = make({ lookup: fakeLookup([{ address: "10.0.0.7", family: 4 }]) });
    expect((await failure(fetcher.fetch("http://recipes.example/page"))).message).toMatch(/private/);
    // One private address among public ones is enough to refuse (the socket could pick any of them).
    const mixed = make({
      lookup: fakeLookup([
        { address: "93.184.215.14", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ]),
    });
    expect((await failure(mixed.fetch(`http://recipes.example:${server.port}/page`))).message).toMatch(/private/);
  });

  it("connects to the address it checked: an allowed name resolved once is the socket's address", async () => {
    // The resolver says the allowed name is 127.0.0.1: the page is read from there, not from a second lookup.
    let calls = 0;
    const lookup = ((_h: string, _o: unknown, cb: (e: null, a: LookupAddress[]) => void) => {
      calls++;
      cb(null, [{ address: "127.0.0.1", family: 4 }]);
    }) as never;
    const fetcher = make({ allowHosts: ["pinned.test"], lookup });
    await expect(fetcher.fetch(`http://pinned.test:${server.port}/page`)).resolves.toMatchObject({ html: "<h1>hello</h1>" });
    expect(calls).toBe(1);
    expect(server.requests.at(-1)!.headers.host).toBe(`pinned.test:${server.port}`);
  });

  it("stops a page over the size cap, declared or streamed", async () => {
    const fetcher = make({ allowHosts: ["localhost"] });
    for (const path of ["/huge", "/huge-declared"]) {
      const error = await failure(fetcher.fetch(`${server.url}${path}`));
      expect(error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(error.message).toMatch(/larger than 2 MB/);
    }
  });

  it("gives up on a page that does not answer in time", async () => {
    const fetcher = make({ allowHosts: ["localhost"], timeoutMs: 300 });
    expect((await failure(fetcher.fetch(`${server.url}/slow`))).message).toMatch(/too long/);
  });

  it("says what is wrong with an error status, a non-HTML answer, a bad URL and credentials in it", async () => {
    const fetcher = make({ allowHosts: ["localhost"] });
    expect((await failure(fetcher.fetch(`${server.url}/gone`))).message).toMatch(/status 410/);
    expect((await failure(fetcher.fetch(`${server.url}/json`))).message).toMatch(/not a web page/);
    expect((await failure(fetcher.fetch("not a url"))).message).toMatch(/valid address/);
    expect((await failure(fetcher.fetch(`http://user:pw@localhost:${server.port}/page`))).message).toMatch(/credentials/);
  });

  it("decodes the charset the server declares", async () => {
    const fetcher = make({ allowHosts: ["localhost"] });
    expect((await fetcher.fetch(`${server.url}/latin1`)).html).toBe("crème");
  });
});
