import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../src/openai/index.js";

/** The fake's wire format, checked with plain fetch (the ai package drives it with the real `openai` SDK). */
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const post = (body: Record<string, unknown>) =>
  fetch(`${fake.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer secret" },
    body: JSON.stringify({ model: "m-1", messages: [{ role: "system", content: "sys" }, { role: "user", content: "hi" }], ...body }),
  });

test("answers with a ChatCompletion and records the request without the key", async () => {
  fake.enqueue({ json: { a: 1 }, usage: { prompt_tokens: 3, completion_tokens: 4 } });
  const response = await post({ max_tokens: 10 });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    object: "chat.completion",
    choices: [{ message: { role: "assistant", content: '{"a":1}' }, finish_reason: "stop" }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  });
  expect(fake.requests[0]).toMatchObject({ model: "m-1", stream: false, system: "sys", authorized: true });
  expect(fake.requests[0]!.headers).not.toHaveProperty("authorization");
});

test("streams chunks that concatenate to the text, the finish reason, the usage chunk, then [DONE]", async () => {
  fake.enqueue({ text: "abcdefghij", chunks: 3, finishReason: "length" });
  const response = await post({ stream: true, stream_options: { include_usage: true } });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const data = (await response.text()).split("\n\n").filter(Boolean).map((event) => event.replace(/^data: /, ""));
  expect(data.at(-1)).toBe("[DONE]");
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { choices: { delta: { content?: string }; finish_reason: string | null }[]; usage: unknown });
  expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("abcdefghij");
  expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("length");
  expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 25 } });
});

test("errors carry OpenAI's shape and the scripted headers; rejectJsonSchema refuses schemas only", async () => {
  fake.enqueue({ status: 429, headers: { "retry-after": "2" } });
  const limited = await post({});
  expect(limited.status).toBe(429);
  expect(limited.headers.get("retry-after")).toBe("2");
  expect(await limited.json()).toMatchObject({ error: { type: "rate_limit_error" } });

  fake.rejectJsonSchema();
  const refused = await post({ response_format: { type: "json_schema", json_schema: { name: "x", schema: {} } } });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: { param: "response_format" } });
  fake.enqueue({ json: {} });
  expect((await post({ response_format: { type: "json_object" } })).status).toBe(200);
  expect(fake.calls).toBe(3);
});

test("a client that leaves before the answer is counted as aborted", async () => {
  fake.enqueue({ hang: true });
  const controller = new AbortController();
  const pending = fetch(`${fake.url}/chat/completions`, { method: "POST", body: "{}", signal: controller.signal }).catch(() => undefined);
  await fake.waitFor((f) => f.calls === 1);
  controller.abort();
  await pending;
  await fake.waitFor((f) => f.aborted === 1);
});
