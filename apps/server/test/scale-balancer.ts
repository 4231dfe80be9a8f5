/**
 * A small loopback round-robin load balancer for the scale test, standing in for the reverse proxy of
 * compose.yaml. A request that cannot reach its backend (connection refused or reset before any answer) is
 * retried on the next backend when it is idempotent (GET, HEAD); any other such request gets 503 with
 * Retry-After: 1, so the client may send it again. No request is silently lost either way.
 */
import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Balancer {
  url: string;
  /** Requests forwarded to each backend (by its URL), retries included. */
  forwarded: Map<string, number>;
  retries: number;
  refused: number;
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(["GET", "HEAD"]);

export async function startBalancer(backends: string[]): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const forwarded = new Map(backends.map((b) => [b, 0]));
  let next = 0;
  let retries = 0;
  let refused = 0;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const backend = backends[next++ % backends.length]!;
        forwarded.set(backend, (forwarded.get(backend) ?? 0) + 1);
        const target = new URL(req.url ?? "/", backend);
        const upstream = request(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host }, agent },
          (answer: IncomingMessage) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => {
          if (res.headersSent) return res.destroy();
          if (IDEMPOTENT.has(req.method ?? "") && tries < backends.length * 2) {
            retries++;
            return attempt(tries + 1);
          }
          refused++;
          res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
          res.end(JSON.stringify({ error: { code: "SERVICE_UNAVAILABLE", message: "Backend unreachable; retry" } }));
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwarded,
    get retries() {
      return retries;
    },
    get refused() {
      return refused;
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
