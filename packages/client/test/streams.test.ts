import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSousClient, errorCode, type RouterInputs, type SousClient } from "../src/index.js";
import { recordingFetch, signIn, startTestServer, type TestServer } from "./support/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** Every event of a subscription until it completes (or fails). */
function collect<T>(
  subscribe: (handlers: { onData(event: T): void; onError(error: unknown): void; onComplete(): void }) => void,
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const events: T[] = [];
    subscribe({ onData: (event) => events.push(event), onError: reject, onComplete: () => resolve(events) });
  });
}

const generateEvents = (client: SousClient, input: RouterInputs["recipe"]["generateStream"]) =>
  collect<{ type: string }>((handlers) => client.recipe.generateStream.subscribe(input, handlers));

describe("streams over server-sent events", () => {
  it("recipe.generateStream delivers partial recipes, then done, with the caller's token on the stream", async () => {
    const session = await signIn(server.url, "streams@sous.test");
    const { fetch, requests } = recordingFetch();
    const client = createSousClient({ url: server.url, token: session.accessToken, fetch });
    const before = await client.recipe.quota.query();

    const events = await generateEvents(client, { dish: "shakshuka", servings: 2 });

    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", result: { source: "catalogue", cached: false } });
    const partials = events.slice(0, -1);
    expect(partials.length).toBeGreaterThan(0);
    expect(partials.every((event) => event.type === "partial")).toBe(true);
    // Partials grow towards the final recipe.
    const final = (done as unknown as { result: { recipe: { title: string } } }).result.recipe;
    expect(partials.at(-1)).toMatchObject({ type: "partial", recipe: { title: final.title } });

    const stream = requests.find((r) => r.url.pathname === "/trpc/recipe.generateStream");
    expect(stream?.method).toBe("GET");
    expect(stream?.authorization).toBe(`Bearer ${session.accessToken}`);
    // Metered against the signed-in user, so the server saw the token.
    const after = await client.recipe.quota.query();
    expect(after.used).toBe(before.used + 1);
  });

  it("chat.stream delivers tokens, then done with the stored conversation", async () => {
    const client = createSousClient({ url: server.url });

    const events = await collect<{ type: string; text?: string; reply?: string; conversationId?: string }>((handlers) =>
      client.chat.stream.subscribe({ message: "How long should I rest a steak?" }, handlers),
    );

    const done = events.at(-1);
    expect(done?.type).toBe("done");
    const tokens = events.slice(0, -1);
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.every((event) => event.type === "token")).toBe(true);
    expect(tokens.map((event) => event.text).join("")).toBe(done?.reply);
    expect(done?.conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a stream refused for its input fails with the tRPC error instead of reconnecting", async () => {
    const client = createSousClient({ url: server.url });

    const error = await generateEvents(client, { dish: "" }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(errorCode(error)).toBe("BAD_REQUEST");
  });
});
