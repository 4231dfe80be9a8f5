import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { type FakeGemini, startFakeGemini } from "../src/gemini/index.js";

/** The fake's wire format, checked with plain fetch (the ai package drives it with the real SDK). */
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const post = (path: string, body: unknown = { contents: [] }, init: RequestInit = {}) =>
  fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": "secret" },
    body: JSON.stringify(body),
    ...init,
  });

test("answers generateContent with a GenerateContentResponse and records the request without the key", async () => {
  fake.enqueue({ json: { a: 1 }, usage: { promptTokenCount: 3, candidatesTokenCount: 4 } });
  const body = { contents: [{ role: "user", parts: [{ text: "hi" }] }], systemInstruction: { parts: [{ text: "sys" }] } };
  const response = await post("/v1beta/models/m-1:generateContent", body);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    candidates: [{ content: { role: "model", parts: [{ text: '{"a":1}' }] }, finishReason: "STOP" }],
    usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4 },
  });
  expect(fake.requests).toEqual([
    expect.objectContaining({ model: "m-1", stream: false, body, systemInstruction: "sys" }),
  ]);
  expect(fake.requests[0]!.headers).not.toHaveProperty("x-goog-api-key");
});

test("streams SSE events that concatenate to the text, the finish reason on the last", async () => {
  fake.enqueue({ text: "abcdefghij", chunks: 3, finishReason: "MAX_TOKENS" });
  const response = await post("/v1beta/models/m:streamGenerateContent?alt=sse");
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const events = (await response.text())
    .split("\r\n\r\n")
    .filter(Boolean)
    .map((e) => JSON.parse(e.replace(/^data: /, "")));
  expect(events).toHaveLength(3);
  expect(events.map((e) => e.candidates[0].content.parts[0].text).join("")).toBe("abcdefghij");
  expect(events.map((e) => e.candidates[0].finishReason)).toEqual([undefined, undefined, "MAX_TOKENS"]);
  expect(fake.requests[0]).toMatchObject({ stream: true, query: { alt: "sse" } });
});

test("errors carry a google.rpc.Status body with RetryInfo, and extra headers", async () => {
  fake.enqueue({ status: 429, retryDelay: "2s", headers: { "retry-after": "2" } });
  const response = await post("/v1beta/models/m:generateContent");
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("2");
  expect(await response.json()).toEqual({
    error: {
      code: 429,
      message: "fake gemini: RESOURCE_EXHAUSTED",
      status: "RESOURCE_EXHAUSTED",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }],
    },
  });
});

test("a prompt block has no candidates", async () => {
  fake.enqueue({ blockReason: "SAFETY" });
  const json = await (await post("/v1beta/models/m:generateContent")).json();
  expect(json).toMatchObject({ promptFeedback: { blockReason: "SAFETY" } });
  expect(json).not.toHaveProperty("candidates");
});

test("the queue comes first, then the handler, then 501; unknown routes are 404", async () => {
  fake.enqueue({ text: "queued" });
  fake.handle((request, index) => ({ text: `handled ${request.model} #${index}` }));
  const texts = [];
  for (let i = 0; i < 2; i++) {
    const json = (await (await post("/v1beta/models/m:generateContent")).json()) as {
      candidates: { content: { parts: { text: string }[] } }[];
    };
    texts.push(json.candidates[0]!.content.parts[0]!.text);
  }
  expect(texts).toEqual(["queued", "handled m #1"]);
  fake.handle(undefined);
  expect((await post("/v1beta/models/m:generateContent")).status).toBe(501);
  expect((await post("/v1beta/files")).status).toBe(404);
  expect(fake.calls).toBe(3);
});

test("a hang answers nothing and counts the client's disconnect", async () => {
  fake.enqueue({ hang: true });
  const controller = new AbortController();
  const pending = post("/v1beta/models/m:generateContent", {}, { signal: controller.signal });
  await fake.waitFor((f) => f.calls === 1);
  controller.abort();
  await expect(pending).rejects.toThrow();
  await fake.waitFor((f) => f.aborted === 1);
});
