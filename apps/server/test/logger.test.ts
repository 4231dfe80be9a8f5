import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger("info", stream), text: () => lines.join("") };
}

describe("the logger", () => {
  it("censors credentials in headers and in fields named like tokens, keys and secrets", () => {
    const { logger, text } = capture();
    logger.info(
      {
        req: { headers: { authorization: "Bearer eyJ.access.token", cookie: "sous_refresh=refresh-cookie" } },
        res: { headers: { "set-cookie": "sous_refresh=new-refresh-cookie" } },
        refreshToken: "top-level-refresh",
        input: { idToken: "google-id-token", apiKey: "AIza-gemini-key", email: "cook@sous.test" },
        err: {
          message: "boom",
          token: "sous_api-token",
          config: { headers: { "x-goog-api-key": "AIza-in-client-error" } },
          response: { config: { headers: { authorization: "Bearer deep-token" } } },
        },
      },
      "request",
    );
    const out = text();
    for (const secret of [
      "eyJ.access.token",
      "refresh-cookie",
      "new-refresh-cookie",
      "top-level-refresh",
      "google-id-token",
      "AIza-gemini-key",
      "sous_api-token",
      "AIza-in-client-error",
      "deep-token",
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[redacted]");
    expect(out).toContain("cook@sous.test"); // ordinary fields stay
    expect(out).toContain("boom");
  });
});

describe("errors logged by the server", () => {
  it("keep their message and stack but not the credentials an HTTP client error carries", () => {
    const { logger, text } = capture();
    const error = Object.assign(new Error("upstream said 503"), {
      config: { headers: { authorization: "Bearer leaked-by-client" } },
    });
    logger.error({ err: error }, "procedure failed");
    const out = text();
    expect(out).toContain("upstream said 503");
    expect(out).toContain('"stack"');
    expect(out).not.toContain("leaked-by-client");
  });
});
