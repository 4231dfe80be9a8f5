import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ENV_VARIABLES, loadConfig } from "../src/env.js";

const dataDir = () => mkdtempSync(join(tmpdir(), "sous-env-test-"));
const SECRET = "a-production-secret-of-at-least-32-chars";

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("gives API.md's defaults for an empty environment", () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      nodeEnv: "development",
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      redisUrl: undefined,
      devLogin: true,
      allowedOrigins: ["http://localhost:3000", "http://localhost:5173"],
      rateLimitPerMinute: 120,
      aiRequestsPerDay: { signedIn: 50, anonymous: 10 },
      trustProxy: false,
      cookieSecure: false,
      logLevel: "info",
      gemini: { apiKey: undefined, model: "gemini-2.5-flash", baseUrl: undefined, timeoutMs: 30_000 },
      google: { clientId: undefined, certsUrl: undefined },
    });
    expect(config.webDistDir).toMatch(/apps[/\\]web[/\\]dist$/);
  });

  it("generates AUTH_SECRET into DATA_DIR outside production, privately, and reuses it", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, "auth-secret"), "utf8").trim()).toBe(first.authSecret);
    expect(statSync(join(dir, "auth-secret")).mode & 0o077).toBe(0);
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
    expect(loadConfig({ DATA_DIR: dataDir() }).authSecret).not.toBe(first.authSecret);
  });

  it("requires AUTH_SECRET in production and refuses dev sign-in there, naming both", () => {
    const message = configError({ NODE_ENV: "production", AUTH_DEV_LOGIN: "on", DATA_DIR: dataDir() });
    expect(message).toContain("AUTH_SECRET");
    expect(message).toContain("AUTH_DEV_LOGIN");
    expect(configError({ NODE_ENV: "production", AUTH_SECRET: "short" })).toContain("AUTH_SECRET");

    const production = loadConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET });
    expect(production).toMatchObject({ authSecret: SECRET, devLogin: false, cookieSecure: true, isProduction: true });
  });

  it("lists every bad variable in one error", () => {
    const message = configError({ PORT: "eighty", LOG_LEVEL: "loud", REDIS_URL: "not a url", RATE_LIMIT_PER_MINUTE: "0" });
    for (const name of ["PORT", "LOG_LEVEL", "REDIS_URL", "RATE_LIMIT_PER_MINUTE"]) expect(message).toContain(name);
  });

  it("accepts only real origins in ALLOWED_ORIGINS", () => {
    const config = loadConfig({ ALLOWED_ORIGINS: " https://sous.example/ , http://localhost:5173", AUTH_SECRET: SECRET });
    expect(config.allowedOrigins).toEqual(["https://sous.example", "http://localhost:5173"]);
    expect(configError({ ALLOWED_ORIGINS: "*", AUTH_SECRET: SECRET })).toContain("ALLOWED_ORIGINS");
    expect(configError({ ALLOWED_ORIGINS: "https://sous.example/app", AUTH_SECRET: SECRET })).toContain("ALLOWED_ORIGINS");
  });

  it.each([
    ["off", false],
    ["", false],
    ["on", true],
    ["1", 1],
    ["2", 2],
    ["loopback, 10.0.0.0/8", "loopback, 10.0.0.0/8"],
  ] as const)("reads TRUST_PROXY=%j as %j", (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw, AUTH_SECRET: SECRET }).trustProxy).toEqual(expected);
  });

  it("reads on/off switches and numbers", () => {
    const config = loadConfig({
      AUTH_SECRET: SECRET,
      AUTH_DEV_LOGIN: "off",
      COOKIE_SECURE: "true",
      PORT: "8080",
      AI_REQUESTS_PER_DAY: "5",
      AI_REQUESTS_PER_DAY_ANONYMOUS: "0",
      GEMINI_API_KEY: "k",
      GEMINI_BASE_URL: "http://127.0.0.1:9999",
    });
    expect(config).toMatchObject({
      devLogin: false,
      cookieSecure: true,
      port: 8080,
      aiRequestsPerDay: { signedIn: 5, anonymous: 0 },
      gemini: { apiKey: "k", baseUrl: "http://127.0.0.1:9999" },
    });
    expect(configError({ AUTH_SECRET: SECRET, COOKIE_SECURE: "maybe" })).toContain("COOKIE_SECURE");
  });
});

describe("AI_PROVIDER", () => {
  const ollama = { OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_MODEL: "llama3.1" };

  it.each([
    ["nothing configured", {}, "catalogue"],
    ["a Gemini key", { GEMINI_API_KEY: "k" }, "gemini"],
    ["an OpenAI-compatible server", ollama, "openai"],
    ["both: Gemini wins", { GEMINI_API_KEY: "k", ...ollama }, "gemini"],
    ["forced openai beside a Gemini key", { GEMINI_API_KEY: "k", AI_PROVIDER: "openai", ...ollama }, "openai"],
    ["forced catalogue beside both", { GEMINI_API_KEY: "k", AI_PROVIDER: "catalogue", ...ollama }, "catalogue"],
  ])("auto and forced choices: %s → %s", (_name, env, expected) => {
    expect(loadConfig({ AUTH_SECRET: SECRET, ...env }).aiProvider).toBe(expected);
  });

  it("reads the OpenAI-compatible settings, with a 60 s default timeout", () => {
    const config = loadConfig({ AUTH_SECRET: SECRET, AI_PROVIDER: "openai", ...ollama, OPENAI_API_KEY: "sk-x" });
    expect(config.openai).toEqual({ baseUrl: "http://127.0.0.1:11434/v1", apiKey: "sk-x", model: "llama3.1", timeoutMs: 60_000 });
  });

  it("AI_PROVIDER=openai without a base URL is a start-up error that says what to set", () => {
    const message = configError({ AUTH_SECRET: SECRET, AI_PROVIDER: "openai", OPENAI_MODEL: "llama3.1" });
    expect(message).toContain("OPENAI_BASE_URL: required when AI_PROVIDER=openai");
    expect(message).toContain("11434");
  });

  it("an OpenAI-compatible server without a model, a forced Gemini without a key, and an unknown name are errors", () => {
    expect(configError({ AUTH_SECRET: SECRET, OPENAI_BASE_URL: "http://127.0.0.1:11434/v1" })).toContain("OPENAI_MODEL");
    expect(configError({ AUTH_SECRET: SECRET, AI_PROVIDER: "gemini" })).toContain("GEMINI_API_KEY");
    expect(configError({ AUTH_SECRET: SECRET, AI_PROVIDER: "claude" })).toContain("AI_PROVIDER");
    expect(configError({ AUTH_SECRET: SECRET, OPENAI_BASE_URL: "localhost:11434", OPENAI_MODEL: "m" })).toContain("OPENAI_BASE_URL");
  });
});

describe(".env.example", () => {
  it("documents every variable env.ts reads, and no other", () => {
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const documented = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(ENV_VARIABLES));
  });
});
