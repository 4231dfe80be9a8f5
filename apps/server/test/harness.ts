import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { AppRouter } from "@sous/api";
import type { Redis } from "@sous/core";
import type { DbHandle } from "@sous/db";
import { databaseTargets, type DatabaseTarget } from "@sous/testkit";
import { createTRPCClient, httpBatchLink, httpLink, type HTTPHeaders } from "@trpc/client";
import superjson from "superjson";
import { loadConfig, type Config } from "../src/env.js";
import { createLogger } from "../src/logger.js";
import { startSous, type RunningSous } from "../src/start.js";

export const ALLOWED_ORIGIN = "http://app.sous.test";
export const FOREIGN_ORIGIN = "http://evil.example";

/** The configuration a test server runs with: the real loader, fed a test environment. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    AUTH_SECRET: "test-secret-that-is-long-enough-for-hs256",
    DATA_DIR: mkdtempSync(join(tmpdir(), "sous-server-test-")),
    ALLOWED_ORIGINS: ALLOWED_ORIGIN,
    RATE_LIMIT_PER_MINUTE: "10000",
    LOG_LEVEL: "debug",
    WEB_DIST_DIR: join(tmpdir(), "sous-no-web-app"),
    ...env,
  });
}

export interface TestServer {
  url: string;
  sous: RunningSous;
  db: DbHandle;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** A @trpc/client over plain HTTP links (`batch` for httpBatchLink). */
  client(headers?: HTTPHeaders, options?: { batch?: boolean }): ReturnType<typeof createTRPCClient<AppRouter>>;
  stop(): Promise<void>;
}

const pglite = databaseTargets()[0] as DatabaseTarget;

/** Starts the real server in-process on 127.0.0.1 and a free port, on a fresh migrated database. */
export async function startTestServer(
  options: { env?: Record<string, string>; redis?: Redis; target?: DatabaseTarget } = {},
): Promise<TestServer> {
  const config = testConfig(options.env);
  const db = await (options.target ?? pglite).create();
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n")) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  let sous: RunningSous;
  try {
    sous = await startSous(config, {
      logger: createLogger(config.logLevel, sink),
      db,
      ...(options.redis ? { redis: options.redis } : {}),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url: sous.url,
    sous,
    db,
    logs,
    client: (headers = {}, { batch = false } = {}) =>
      createTRPCClient<AppRouter>({
        links: [
          batch
            ? httpBatchLink({ url: `${sous.url}/trpc`, transformer: superjson, headers, maxItems: 1000 })
            : httpLink({ url: `${sous.url}/trpc`, transformer: superjson, headers }),
        ],
      }),
    stop: () =>
      (stopped ??= (async () => {
        await sous.stop();
        await db.close();
      })()),
  };
}

/** A tRPC error body as the server sends it (superjson envelope). */
export interface TrpcErrorBody {
  error: { json: { message: string; code: number; data: Record<string, unknown> } };
}

export async function readError(response: Response): Promise<TrpcErrorBody["error"]["json"]> {
  const body = (await response.json()) as TrpcErrorBody;
  return body.error.json;
}

/** Signs in with the dev sign-in over raw HTTP and returns the session's tokens. */
export async function devSignIn(url: string, email: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await fetch(`${url}/trpc/auth.signInDev`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: { email, transport: "body" } }),
  });
  if (!response.ok) throw new Error(`dev sign-in failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { result: { data: { json: { accessToken: string; refreshToken: string } } } };
  return body.result.data.json;
}
