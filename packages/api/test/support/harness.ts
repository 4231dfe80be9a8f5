import { createCatalogueProvider } from "@sous/ai";
import {
  createRateLimiter,
  createServices,
  silentLogger,
  type AiConfig,
  type AiDeps,
  type AuthConfig,
  type PageFetcher,
  type Services,
} from "@sous/core";
import type { DatabaseTarget, GoogleCertsServer } from "@sous/testkit";
import type { DbHandle } from "@sous/db";
import {
  createCaller,
  createContext,
  type AppContext,
  type CookieOptions,
  type ResponseControls,
} from "../../src/index.js";

/** Named so the harness's inferred type stays nameable (declaration emit cannot spell tRPC's internal types). */
export type Caller = ReturnType<typeof createCaller>;

export const TEST_SECRET = "test-secret-test-secret-test-secret-0123";

/**
 * A clock tests move by hand. It starts at the wall clock (so Google ID tokens minted "now" are valid),
 * on a whole second (JWT times are whole seconds).
 */
export function createTestClock() {
  let now = Math.floor(Date.now() / 1000) * 1000;
  return {
    now: () => new Date(now),
    advanceSeconds(seconds: number) {
      now += seconds * 1000;
    },
  };
}

export interface RecordedCookie {
  name: string;
  value: string;
  options: CookieOptions;
}

/** The ResponseControls of one call, written down for assertions. */
export function recordingResponse() {
  const cookies: RecordedCookie[] = [];
  const cleared: RecordedCookie[] = [];
  const headers = new Map<string, string>();
  const controls: ResponseControls = {
    setCookie: (name, value, options) => void cookies.push({ name, value, options }),
    clearCookie: (name, options) => void cleared.push({ name, value: "", options }),
    setHeader: (name, value) => void headers.set(name.toLowerCase(), value),
  };
  return { controls, cookies, cleared, headers };
}

export interface HarnessOptions {
  google?: GoogleCertsServer;
  auth?: Partial<AuthConfig>;
  /** Calls per minute per caller; high by default so only the rate-limit test meets it. */
  rateLimitPoints?: number;
  /** The AI ports; the offline catalogue (no stream delay) by default. */
  ai?: AiDeps;
  aiConfig?: AiConfig;
  /** Recipe import's page fetcher; the guarded default (no host exceptions) when absent. */
  pageFetcher?: PageFetcher;
}

/** Real services over a fresh migrated database of one target, and a way to call the router as a client would. */
export async function createHarness(target: DatabaseTarget, options: HarnessOptions = {}) {
  const handle: DbHandle = await target.create();
  const clock = createTestClock();
  const services: Services = createServices({
    db: handle.db,
    clock: clock.now,
    logger: silentLogger,
    limiter: createRateLimiter({
      points: options.rateLimitPoints ?? 100_000,
      durationSeconds: 60,
      keyPrefix: "test",
      logger: silentLogger,
    }),
    ai: options.ai ?? { provider: createCatalogueProvider({ streamDelayMs: 0 }) },
    ...(options.pageFetcher ? { pageFetcher: options.pageFetcher } : {}),
    config: {
      ...(options.aiConfig ? { ai: options.aiConfig } : {}),
      auth: {
        secret: TEST_SECRET,
        devLogin: true,
        google: { clientId: options.google?.clientId, certsUrl: options.google?.url },
        ...options.auth,
      },
    },
  });

  async function call(
    request: { bearer?: string; authorization?: string; cookies?: Record<string, string>; ip?: string } = {},
  ): Promise<{ caller: Caller; response: ReturnType<typeof recordingResponse>; ctx: AppContext }> {
    const response = recordingResponse();
    const ctx = await createContext({
      services,
      authorization: request.authorization ?? (request.bearer === undefined ? undefined : `Bearer ${request.bearer}`),
      requestId: "req-test",
      ip: request.ip ?? "127.0.0.1",
      cookies: request.cookies ?? {},
      response: response.controls,
    });
    const caller: Caller = createCaller(ctx);
    return { caller, response, ctx };
  }

  async function counts() {
    const count = async (table: "users" | "session_families" | "refresh_tokens" | "api_tokens") => {
      const row = await handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      users: await count("users"),
      families: await count("session_families"),
      refreshTokens: await count("refresh_tokens"),
      apiTokens: await count("api_tokens"),
    };
  }

  /** Signs in with the dev provider and returns the session (refresh token in the body). */
  async function signIn(email = `cook-${Math.random().toString(36).slice(2)}@example.com`) {
    const { caller } = await call();
    return caller.auth.signInDev({ email, transport: "body" });
  }

  /** Writes buffered AI usage, then closes the database. */
  async function close() {
    await services.usage.close();
    await handle.close();
  }

  return { db: handle.db, services, clock, call, counts, signIn, close };
}

export type Harness = Awaited<ReturnType<typeof createHarness>>;
