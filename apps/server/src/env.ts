/**
 * The only reader of process.env. `loadConfig` parses the environment once with zod into a typed Config and
 * fails with one error naming every bad variable. Everything else takes configuration as arguments.
 * .env.example at the repository root documents each variable.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const AI_PROVIDERS = ["auto", "gemini", "openai", "catalogue"] as const;

/** "on"/"off" style switches; unset or empty means the default. */
const flag = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.stringbool({ truthy: ["1", "true", "on", "yes"], falsy: ["0", "false", "off", "no"] }).optional(),
);
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
const optionalUrl = optionalString.pipe(z.url().optional());
const optionalHttpUrl = optionalString.pipe(z.url({ protocol: /^https?$/ }).optional());
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(0, 65_535, 3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DATABASE_URL: optionalUrl,
  DB_QUERY_TIMEOUT_MS: int(100, 600_000, 5_000),
  DATA_DIR: z.string().trim().min(1).default("./.data"),
  REDIS_URL: optionalUrl,
  AUTH_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CERTS_URL: optionalUrl,
  AUTH_DEV_LOGIN: flag,
  GEMINI_API_KEY: optionalString,
  GEMINI_MODEL: z.string().trim().min(1).default("gemini-2.5-flash"),
  GEMINI_BASE_URL: optionalUrl,
  GEMINI_TIMEOUT_MS: int(1_000, 600_000, 30_000),
  AI_PROVIDER: z.preprocess((value) => (value === "" ? undefined : value), z.enum(AI_PROVIDERS).default("auto")),
  OPENAI_BASE_URL: optionalHttpUrl,
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  // Local models on modest hardware take longer over a whole recipe than a hosted model.
  OPENAI_TIMEOUT_MS: int(1_000, 600_000, 60_000),
  // Unset: the least thinking the model allows (off where it can be). Thinking tokens are billed as output.
  GEMINI_THINKING_BUDGET: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number().int().min(0).max(32_768).optional(),
  ),
  ALLOWED_ORIGINS: z.string().default("http://localhost:3000,http://localhost:5173"),
  RATE_LIMIT_PER_MINUTE: int(1, 1_000_000_000, 120),
  AI_REQUESTS_PER_DAY: int(0, 1_000_000_000, 50),
  AI_REQUESTS_PER_DAY_ANONYMOUS: int(0, 1_000_000_000, 10),
  AI_CONCURRENCY_PER_CALLER: int(1, 100_000, 4),
  CACHE_TTL_SECONDS: int(0, 365 * 86_400, 7 * 86_400),
  TRUST_PROXY: z.string().trim().default("off"),
  COOKIE_SECURE: flag,
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  WEB_DIST_DIR: optionalString,
  SHUTDOWN_DELAY_MS: int(0, 120_000, 0),
  // With the default, drain and cleanup fit in a 10 s grace (Kubernetes' terminationGracePeriod is 30 s).
  SHUTDOWN_TIMEOUT_MS: int(0, 300_000, 8_000),
  PUBLIC_URL: optionalUrl,
  IMPORT_ALLOW_HOSTS: z.string().default(""),
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, "at least 16 characters").optional()),
  // Read by the OpenTelemetry SDK itself (with the other OTEL_* variables); listed so .env.example documents them.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: optionalString,
});

/** Every variable Sous reads (documented in .env.example; a test keeps the two in step). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape);

export type LogLevel = (typeof LOG_LEVELS)[number];
export type AiProviderName = Exclude<(typeof AI_PROVIDERS)[number], "auto">;
/** Express's `trust proxy` setting: off, every hop, a hop count, or a list of addresses/subnets. */
export type TrustProxy = boolean | number | string;

export interface Config {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  /** Unset: embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Client-side limit on every statement, the wait for a pooled connection included: a frozen database answers 503. */
  dbQueryTimeoutMs: number;
  dataDir: string;
  /** Unset: in-process cache and rate limits. */
  redisUrl: string | undefined;
  authSecret: string;
  google: { clientId: string | undefined; certsUrl: string | undefined };
  devLogin: boolean;
  /** Which LLM provider serves, AI_PROVIDER resolved ("auto": Gemini, else OpenAI-compatible, else catalogue). */
  aiProvider: AiProviderName;
  /** Any OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp, OpenAI); baseUrl set when it serves. */
  openai: { baseUrl: string | undefined; apiKey: string | undefined; model: string | undefined; timeoutMs: number };
  gemini: {
    apiKey: string | undefined;
    model: string;
    baseUrl: string | undefined;
    timeoutMs: number;
    thinkingBudget: number | undefined;
  };
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  aiRequestsPerDay: { signedIn: number; anonymous: number };
  /** AI calls one caller may have in flight at once. */
  aiConcurrencyPerCaller: number;
  cacheTtlSeconds: number;
  trustProxy: TrustProxy;
  cookieSecure: boolean;
  logLevel: LogLevel;
  /** The built web app served at `/` when the directory exists. */
  webDistDir: string;
  /** On SIGTERM, how long readiness answers 503 while still serving, so load balancers stop sending first. */
  shutdownDelayMs: number;
  /** How long in-flight requests may take to finish once the listener is closed. */
  shutdownTimeoutMs: number;
  /** Base of share links (no trailing slash); unset: the address the server listens on, http://HOST:PORT. */
  publicUrl: string | undefined;
  /** Hosts recipe import may fetch even though they resolve to private addresses (tests' loopback pages). */
  importAllowHosts: string[];
  /** Bearer token Prometheus presents at /metrics; unset: /metrics answers 404. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === "production";
  const problems: string[] = [];

  const allowedOrigins = parseOrigins(e.ALLOWED_ORIGINS, problems);
  if (isProduction && e.AUTH_DEV_LOGIN === true) {
    problems.push("AUTH_DEV_LOGIN: dev sign-in cannot be enabled in production");
  }
  if (isProduction && (e.AUTH_SECRET === undefined || e.AUTH_SECRET.length < 32)) {
    problems.push("AUTH_SECRET: required in production, at least 32 characters");
  } else if (e.AUTH_SECRET !== undefined && e.AUTH_SECRET.length < 32) {
    problems.push("AUTH_SECRET: at least 32 characters (unset it to use a generated one outside production)");
  }
  const aiProvider = resolveAiProvider(e, problems);
  if (problems.length > 0) throw new ConfigError(`Invalid environment:\n  ${problems.join("\n  ")}`);

  const dataDir = resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbQueryTimeoutMs: e.DB_QUERY_TIMEOUT_MS,
    dataDir,
    redisUrl: e.REDIS_URL,
    authSecret: e.AUTH_SECRET ?? devAuthSecret(dataDir),
    google: { clientId: e.GOOGLE_CLIENT_ID, certsUrl: e.GOOGLE_CERTS_URL },
    devLogin: e.AUTH_DEV_LOGIN ?? !isProduction,
    gemini: {
      apiKey: e.GEMINI_API_KEY,
      model: e.GEMINI_MODEL,
      baseUrl: e.GEMINI_BASE_URL,
      timeoutMs: e.GEMINI_TIMEOUT_MS,
      thinkingBudget: e.GEMINI_THINKING_BUDGET,
    },
    aiProvider,
    openai: {
      baseUrl: e.OPENAI_BASE_URL,
      apiKey: e.OPENAI_API_KEY,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
    },
    allowedOrigins,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    aiRequestsPerDay: { signedIn: e.AI_REQUESTS_PER_DAY, anonymous: e.AI_REQUESTS_PER_DAY_ANONYMOUS },
    aiConcurrencyPerCaller: e.AI_CONCURRENCY_PER_CALLER,
    cacheTtlSeconds: e.CACHE_TTL_SECONDS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    cookieSecure: e.COOKIE_SECURE ?? isProduction,
    logLevel: e.LOG_LEVEL,
    // src/env.ts and dist/env.js both sit one level below apps/server, so this finds apps/web/dist either way.
    webDistDir: resolve(e.WEB_DIST_DIR ?? fileURLToPath(new URL("../../web/dist", import.meta.url))),
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    importAllowHosts: e.IMPORT_ALLOW_HOSTS.split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    metricsToken: e.METRICS_TOKEN,
  };
}

/**
 * Tracing settings for the register file (tracing.ts), which runs before the app and before loadConfig:
 * undefined (off) unless an OTLP endpoint is set. The exporter reads the endpoint and the other OTEL_*
 * variables itself; the service name defaults to "sous".
 */
export function tracingConfig(env: NodeJS.ProcessEnv = process.env): { serviceName: string } | undefined {
  const endpoint = (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? "").trim();
  if (endpoint === "" || env.OTEL_SDK_DISABLED === "true") return undefined;
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || "sous" };
}

/**
 * AI_PROVIDER → the provider that serves. "auto" picks Gemini when it has a key, else an OpenAI-compatible
 * server when one is configured, else the offline catalogue. A forced provider missing what it needs is a
 * start-up error, never a silent fallback to another provider.
 */
function resolveAiProvider(e: z.infer<typeof EnvSchema>, problems: string[]): AiProviderName {
  const provider =
    e.AI_PROVIDER !== "auto"
      ? e.AI_PROVIDER
      : e.GEMINI_API_KEY
        ? "gemini"
        : e.OPENAI_BASE_URL
          ? "openai"
          : "catalogue";
  if (provider === "gemini" && !e.GEMINI_API_KEY) problems.push("GEMINI_API_KEY: required when AI_PROVIDER=gemini");
  if (provider === "openai") {
    if (!e.OPENAI_BASE_URL) {
      problems.push(
        "OPENAI_BASE_URL: required when AI_PROVIDER=openai (e.g. http://127.0.0.1:11434/v1 for Ollama, https://api.openai.com/v1)",
      );
    }
    if (!e.OPENAI_MODEL) problems.push("OPENAI_MODEL: required when the OpenAI-compatible provider serves (e.g. llama3.1)");
  }
  return provider;
}

/** Origins are compared exactly, so each is normalized to scheme://host[:port]; "*" cannot carry cookies. */
function parseOrigins(raw: string, problems: string[]): string[] {
  const origins: string[] = [];
  for (const item of raw.split(",").map((s) => s.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== item.replace(/\/$/, "")) {
      problems.push(`ALLOWED_ORIGINS: "${item}" is not an origin like https://app.example.com`);
    } else {
      origins.push(url.origin);
    }
  }
  return origins;
}

function parseTrustProxy(raw: string): TrustProxy {
  const lower = raw.toLowerCase();
  if (["", "0", "off", "false", "no"].includes(lower)) return false;
  if (["on", "true", "yes"].includes(lower)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // addresses, subnets or Express's names (loopback, uniquelocal…), comma-separated
}

/**
 * Outside production a missing AUTH_SECRET is generated once and kept in DATA_DIR, so sessions survive a
 * restart without anyone having to invent a secret to try Sous.
 */
function devAuthSecret(dataDir: string): string {
  const file = join(dataDir, "auth-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
