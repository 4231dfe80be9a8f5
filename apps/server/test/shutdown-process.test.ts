/**
 * SIGTERM to a real server process (main.ts, default shutdown settings) while a long stream is open: the
 * stream gets a final event telling its client to reconnect, and the process exits 0 within a 10 s grace,
 * cleanup (database, Redis when configured) included.
 */
import type { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@sous/api";
import { startFakeGemini, type FakeGemini } from "@sous/testkit";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { geminiEnv, streamingClient } from "./ai-support.js";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

interface ServerProcess {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  exited: Promise<{ code: number | null; at: number }>;
}

/** Starts `src/main.ts` as `pnpm dev` does (TypeScript sources through tsx), on a free port. */
async function startProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--conditions=@sous/source", "--import", "tsx", "src/main.ts"], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "sous-shutdown-")),
      WEB_DIST_DIR: join(tmpdir(), "sous-no-web-app"),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, at: performance.now() })),
  );
  const logs: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (typeof entry.url === "string" && String(entry.msg).startsWith("Sous listening")) resolve(entry.url);
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, url, logs, exited };
}

let fake: FakeGemini;
let server: ServerProcess | undefined;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
  await fake.close();
});

describe("SIGTERM with an open stream", () => {
  it("ends the stream with a reconnect event and exits 0 within 10 s", async () => {
    server = await startProcess({
      ...geminiEnv(fake),
      ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    });
    // A chat reply that takes 20 s to stream.
    fake.enqueue({ text: "Slowly now. ".repeat(40), chunks: 40, chunkDelayMs: 500 });

    const tokens: string[] = [];
    let firstToken: () => void = () => undefined;
    const tokenArrived = new Promise<void>((resolve) => (firstToken = resolve));
    const finalEvent = new Promise<{ error: unknown; at: number }>((resolve, reject) => {
      const subscription = streamingClient(server!.url).chat.stream.subscribe(
        { message: "How do I make a slow-cooked ragù?" },
        {
          onData(event) {
            if (event.type === "token") tokens.push(event.text);
            firstToken();
          },
          onError: reject,
          onComplete: () => reject(new Error("the stream completed without a reconnect event")),
          onConnectionStateChange(state) {
            if (state.state !== "connecting" || !state.error) return;
            // The link would reconnect on its own; this test only wants the event itself.
            queueMicrotask(() => subscription.unsubscribe());
            resolve({ error: state.error, at: performance.now() });
          },
        },
      );
    });
    await tokenArrived;

    const sent = performance.now();
    server.child.kill("SIGTERM");
    const [final, exit] = await Promise.all([finalEvent, server.exited]);

    const error = final.error as TRPCClientError<AppRouter>;
    expect(error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", reconnect: true, retryAfterSeconds: 1 });
    expect(tokens.length).toBeLessThan(40); // cut short, not finished
    expect(exit.code).toBe(0);
    const exitMs = exit.at - sent;
    console.info(`SIGTERM → stream's final event ${Math.round(final.at - sent)} ms, process exit ${Math.round(exitMs)} ms`);
    expect(exitMs).toBeLessThan(10_000);
    const messages = server.logs.map((l) => l.msg);
    expect(messages).toContain("stopped");
    expect(messages).not.toContain("shutdown deadline passed; connections cut");
    expect(messages).not.toContain("close failed");
    // Upstream was told too: the model call stopped with the stream.
    await fake.waitFor((f) => f.aborted === 1, 5_000);
  }, 60_000);
});
