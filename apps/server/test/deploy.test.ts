/**
 * The container files, checked as far as a machine without a container daemon allows: the Dockerfile linted
 * (dockerfile-utils, the VS Code Docker linter) and its promises asserted (multi-stage, pnpm deploy,
 * node:20-slim, non-root, HEALTHCHECK on /healthz, STOPSIGNAL SIGTERM, /data a volume); the image's exact
 * CMD run on the host against the built server with the image's environment, its HEALTHCHECK command run
 * against it, and SIGTERM answered with exit 0; compose.yaml parsed and its wiring asserted (the compose
 * spec's JSON schema ships in no maintained npm package).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENV_VARIABLES } from "../src/env.js";
import { serverDir, spawnServer, type ServerProcess } from "./server-process.js";

const root = join(serverDir, "../..");
const dockerfileText = readFileSync(join(root, "Dockerfile"), "utf8");
const dockerfile = DockerfileParser.parse(dockerfileText);
const instructions = (keyword: string) => dockerfile.getInstructions().filter((i) => i.getKeyword() === keyword);
/** The runtime stage: everything after the last FROM. */
const lastFrom = dockerfile.getFROMs().at(-1)!;
const runtime = dockerfile.getInstructions().filter((i) => i.getRange().start.line >= lastFrom.getRange().start.line);
const runtimeOf = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword);
const jsonArgs = (keyword: string) => JSON.parse(runtimeOf(keyword).at(-1)!.getArgumentsContent()!.replace(/^CMD\s+/, "")) as string[];

describe("Dockerfile", () => {
  it("passes the linter, which does flag a broken Dockerfile", () => {
    expect(validate(dockerfileText)).toEqual([]);
    expect(validate("FROM node:20-slim\nEXPOSE not-a-port\nSTOPSIGNAL\n").length).toBeGreaterThan(0);
  });

  it("builds in one stage and runs @sous/server, deployed with pnpm, on node:20-slim as a non-root user", () => {
    const froms = dockerfile.getFROMs();
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(lastFrom.getImage()).toBe("node:20-slim");
    const run = instructions("RUN").map((i) => i.getArgumentsContent() ?? "");
    expect(run.some((r) => /pnpm --filter @sous\/server deploy --prod/.test(r))).toBe(true);
    expect(run.some((r) => /turbo run build .*@sous\/web/.test(r))).toBe(true);
    const copies = runtimeOf("COPY").map((i) => i.getArgumentsContent());
    expect(copies).toEqual(expect.arrayContaining([expect.stringContaining("/out/server"), expect.stringContaining("/out/web")]));
    const users = runtimeOf("USER").map((i) => i.getArgumentsContent());
    expect(users.at(-1)).toBe("node");
  });

  it("declares the health check on /healthz, SIGTERM as stop signal and /data as a volume", () => {
    const healthcheck = runtimeOf("HEALTHCHECK").at(-1)!.getArgumentsContent()!;
    expect(healthcheck).toContain("/healthz");
    expect(runtimeOf("STOPSIGNAL").at(-1)!.getArgumentsContent()).toBe("SIGTERM");
    expect(runtimeOf("VOLUME").at(-1)!.getArgumentsContent()).toBe('["/data"]');
    const env = runtimeOf("ENV").map((i) => i.getArgumentsContent()).join(" ");
    expect(env).toMatch(/DATA_DIR=\/data/);
    expect(env).toMatch(/NODE_ENV=production/);
  });
});

describe("the image's start command, run on the host", () => {
  let server: ServerProcess;
  const cmd = jsonArgs("CMD");
  beforeAll(async () => {
    expect(cmd[0]).toBe("node");
    // The image's environment (ENV of the runtime stage), with loopback, a free port and a temporary data dir.
    const imageEnv = Object.fromEntries(
      [...runtimeOf("ENV").map((i) => i.getArgumentsContent() ?? "").join(" ").matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    server = await spawnServer(
      {
        ...imageEnv,
        HOST: "127.0.0.1",
        PORT: "0",
        DATA_DIR: mkdtempSync(join(tmpdir(), "sous-image-")),
        WEB_DIST_DIR: join(tmpdir(), "sous-no-web-app"),
        // Production refuses to start without one.
        AUTH_SECRET: "a-production-secret-of-at-least-32-characters",
      },
      cmd.slice(1),
    );
  }, 120_000);
  afterAll(() => server?.stop());

  it("starts in production mode and answers /healthz", async () => {
    expect(server.output()).toContain('"env":"production"');
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("passes the image's own HEALTHCHECK command", async () => {
    const check = JSON.parse(runtimeOf("HEALTHCHECK").at(-1)!.getArgumentsContent()!.replace(/^[\s\S]*?CMD\s+/, "")) as string[];
    const port = new URL(server.url).port;
    const run = (args: string[]) =>
      new Promise<number | null>((resolve) => spawn(check[0] === "node" ? process.execPath : check[0]!, args, { stdio: "ignore" }).once("exit", resolve));
    expect(await run(check.slice(1).map((arg) => arg.replace(":3000/", `:${port}/`)))).toBe(0);
    // And fails against a port nothing listens on, so the check can fail.
    expect(await run(check.slice(1).map((arg) => arg.replace(":3000/", ":1/")))).not.toBe(0);
  });

  it("stops on the image's STOPSIGNAL with exit code 0", async () => {
    await server.stop();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });
});

describe("compose.yaml", () => {
  type Service = {
    image?: string;
    build?: unknown;
    profiles?: string[];
    environment?: Record<string, string>;
    env_file?: unknown;
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    volumes?: string[];
    ports?: string[];
  };
  const compose = parse(readFileSync(join(root, "compose.yaml"), "utf8"), { merge: true }) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const { services } = compose;
  const replicas = Object.entries(services).filter(([name]) => /^sous-\d+$/.test(name));

  it("runs Postgres 15, Redis 7 and two Sous replicas behind a reverse proxy, all with health checks", () => {
    expect(services.postgres?.image).toBe("postgres:15");
    expect(services.redis?.image).toBe("redis:7");
    expect(replicas).toHaveLength(2);
    for (const [name, service] of Object.entries(services)) {
      if (name === "proxy") continue;
      expect(service.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
    for (const [, replica] of replicas) {
      expect(replica.build).toBeDefined();
      expect(replica.profiles).toBeUndefined();
      expect(replica.environment?.DATABASE_URL).toMatch(/^postgres:\/\/sous:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/sous$/);
      expect(replica.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(replica.depends_on?.postgres?.condition).toBe("service_healthy");
      expect(replica.depends_on?.redis?.condition).toBe("service_healthy");
      expect(replica.healthcheck?.test.join(" ")).toContain("/readyz");
    }
  });

  it("sends the proxy's traffic round robin to exactly the replicas, from the mounted Caddyfile", () => {
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^caddy:2/);
    const mount = proxy.volumes?.find((v) => v.endsWith(":/etc/caddy/Caddyfile:ro"));
    expect(mount).toBeDefined();
    const caddyfile = readFileSync(join(root, mount!.split(":")[0]!), "utf8");
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
    expect(upstreams.sort()).toEqual(replicas.map(([name]) => `${name}:3000`).sort());
    expect(caddyfile).toMatch(/lb_policy round_robin/);
    expect(caddyfile).toMatch(/health_uri \/readyz/);
    for (const [name] of replicas) expect(proxy.depends_on?.[name]?.condition).toBe("service_healthy");
  });

  it("takes secrets from an env file and sets only variables Sous knows", () => {
    for (const [name, service] of [...replicas, ["embedded", services.embedded!] as const]) {
      expect(JSON.stringify(service.env_file), name).toContain(".env");
      for (const key of Object.keys(service.environment ?? {})) expect(ENV_VARIABLES, `${name}: ${key}`).toContain(key);
      // Secrets never inline.
      expect(service.environment?.AUTH_SECRET).toBeUndefined();
      expect(service.environment?.GEMINI_API_KEY).toBeUndefined();
    }
  });

  it("is shown, as it is, in the README's Deploy section", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const deploy = readme.slice(readme.indexOf("## Deploy"));
    expect(deploy).toContain("```yaml\n" + readFileSync(join(root, "compose.yaml"), "utf8") + "```");
  });

  it("offers the embedded mode as a one-service profile with its data in a volume", () => {
    const embedded = services.embedded!;
    expect(embedded.profiles).toEqual(["embedded"]);
    expect(embedded.depends_on).toBeUndefined();
    expect(embedded.environment?.DATABASE_URL).toBeUndefined();
    expect(embedded.environment?.REDIS_URL).toBeUndefined();
    expect(embedded.volumes).toEqual(["sous-data:/data"]);
    expect(Object.keys(compose.volumes)).toContain("sous-data");
    const profiled = Object.entries(services).filter(([, s]) => s.profiles?.includes("embedded"));
    expect(profiled.map(([name]) => name)).toEqual(["embedded"]);
  });
});
