import { createHmac, randomUUID } from "node:crypto";
import * as schemas from "@sous/schemas";
import { stringLeaves, withValueAt } from "@sous/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { omelette } from "./ai-support.js";
import { devSignIn, startTestServer, type TestServer } from "./harness.js";

/**
 * Issue 9, item 5: every bad input is a 4xx. Each procedure with an input is listed with a valid input and
 * the schema it is checked against; every string field the schema has (found by walking it) is then sent
 * with a NUL and with a lone surrogate. Exported input schemas missing from the table fail the test.
 */
type Kind = "query" | "mutation" | "subscription";
interface Procedure {
  path: string;
  kind: Kind;
  access: "public" | "user" | "admin";
  schema: z.ZodType;
  input: unknown;
}

const uuid = "00000000-0000-4000-8000-000000000000";
const PROCEDURES: Procedure[] = [
  { path: "auth.signInWithGoogle", kind: "mutation", access: "public", schema: schemas.SignInWithGoogleInput, input: { idToken: "x" } },
  { path: "auth.signInDev", kind: "mutation", access: "public", schema: schemas.SignInDevInput, input: { email: "a@sous.test", name: "A" } },
  { path: "auth.refresh", kind: "mutation", access: "public", schema: schemas.RefreshInput, input: { refreshToken: "x" } },
  { path: "auth.signOut", kind: "mutation", access: "public", schema: schemas.RefreshInput, input: { refreshToken: "x" } },
  { path: "auth.apiTokens.create", kind: "mutation", access: "user", schema: schemas.ApiTokenCreateInput, input: { name: "ci" } },
  { path: "auth.apiTokens.revoke", kind: "mutation", access: "user", schema: schemas.IdInput, input: { id: uuid } },
  { path: "admin.users.list", kind: "query", access: "admin", schema: schemas.AdminUsersListInput, input: {} },
  { path: "admin.users.setRole", kind: "mutation", access: "admin", schema: schemas.AdminSetRoleInput, input: { userId: uuid, role: "user" } },
  { path: "recipe.generate", kind: "mutation", access: "public", schema: schemas.GenerateRecipeInput, input: { dish: "omelette" } },
  { path: "recipe.generateStream", kind: "subscription", access: "public", schema: schemas.GenerateRecipeInput, input: { dish: "omelette" } },
  { path: "recipe.fromIngredients", kind: "mutation", access: "public", schema: schemas.FromIngredientsInput, input: { ingredients: ["egg"] } },
  { path: "chat.send", kind: "mutation", access: "public", schema: schemas.ChatSendInput, input: { message: "hello" } },
  { path: "chat.stream", kind: "subscription", access: "public", schema: schemas.ChatSendInput, input: { message: "hello" } },
  { path: "chat.conversations.list", kind: "query", access: "user", schema: schemas.ConversationsListInput, input: {} },
  { path: "chat.conversations.byId", kind: "query", access: "user", schema: schemas.IdInput, input: { id: uuid } },
  { path: "chat.conversations.delete", kind: "mutation", access: "user", schema: schemas.IdInput, input: { id: uuid } },
  { path: "saved.create", kind: "mutation", access: "user", schema: schemas.SavedCreateInput, input: { recipe: omelette } },
  { path: "saved.list", kind: "query", access: "user", schema: schemas.SavedListInput, input: {} },
  { path: "saved.byId", kind: "query", access: "user", schema: schemas.SavedByIdInput, input: { id: uuid } },
  { path: "saved.update", kind: "mutation", access: "user", schema: schemas.SavedUpdateInput, input: { id: uuid } },
  { path: "saved.delete", kind: "mutation", access: "user", schema: schemas.IdInput, input: { id: uuid } },
  { path: "saved.share", kind: "mutation", access: "user", schema: schemas.IdInput, input: { id: uuid } },
  { path: "shared.byToken", kind: "query", access: "public", schema: schemas.SharedByTokenInput, input: { token: "a".repeat(43) } },
  { path: "recipe.import", kind: "mutation", access: "user", schema: schemas.RecipeImportInput, input: { text: "Omelette: 2 eggs, butter. Beat and cook." } },
  { path: "shopping.addRecipe", kind: "mutation", access: "user", schema: schemas.ShoppingAddRecipeInput, input: { savedId: uuid } },
  { path: "shopping.addItems", kind: "mutation", access: "user", schema: schemas.ShoppingAddItemsInput, input: { items: [{ name: "eggs", unit: "pcs" }] } },
  { path: "shopping.check", kind: "mutation", access: "user", schema: schemas.ShoppingCheckInput, input: { id: uuid, checked: true } },
  { path: "shopping.clear", kind: "mutation", access: "user", schema: schemas.ShoppingClearInput, input: {} },
  { path: "plan.week", kind: "query", access: "user", schema: schemas.PlanWeekInput, input: { start: "2026-01-05" } },
  { path: "plan.set", kind: "mutation", access: "user", schema: schemas.PlanSetInput, input: { date: "2026-01-05", meal: "dinner", savedId: uuid } },
  { path: "plan.toShopping", kind: "mutation", access: "user", schema: schemas.PlanToShoppingInput, input: { from: "2026-01-05", to: "2026-01-06" } },
  // No string field to spoil (a literal), and its valid input would delete the account: listed, not called.
  { path: "account.delete", kind: "mutation", access: "user", schema: schemas.AccountDeleteInput, input: undefined },
];

/**
 * One call over raw HTTP, as any client sends it: superjson envelope, GET for queries and subscriptions.
 * `status` is the HTTP status, or for a subscription (an event stream, always 200 once it starts: tRPC
 * reports its errors as a `serialized-error` event) the `httpStatus` of that error event.
 */
async function call(url: string, procedure: Procedure, input: unknown, token?: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // JSON.stringify escapes a lone surrogate (\ud800), so the query string stays encodable.
  const payload = JSON.stringify({ json: input });
  const response =
    procedure.kind === "mutation"
      ? await fetch(`${url}/trpc/${procedure.path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: payload })
      : await fetch(`${url}/trpc/${procedure.path}?input=${encodeURIComponent(payload)}`, {
          headers: procedure.kind === "subscription" ? { ...headers, accept: "text/event-stream" } : headers,
        });
  const text = await response.text();
  const streamError = /^event: serialized-error\ndata: (.*)$/m.exec(text)?.[1];
  if (procedure.kind === "subscription" && response.status === 200 && streamError) {
    return { status: (JSON.parse(streamError) as { json: { data: { httpStatus: number } } }).json.data.httpStatus, text };
  }
  return { status: response.status, text };
}

let server: TestServer;
let userToken: string;
let adminToken: string;
beforeAll(async () => {
  server = await startTestServer({ env: { AI_REQUESTS_PER_DAY_ANONYMOUS: "1000000" } });
  userToken = (await devSignIn(server.url, "user@sous.test")).accessToken;
  await devSignIn(server.url, "admin@sous.test");
  await server.db.db.updateTable("users").set({ role: "admin" }).where("email", "=", "admin@sous.test").execute();
  adminToken = (await devSignIn(server.url, "admin@sous.test")).accessToken;
});
afterAll(() => server.stop());

const tokenFor = (procedure: Procedure) =>
  procedure.access === "admin" ? adminToken : procedure.access === "user" ? userToken : undefined;

describe("NUL and unpaired surrogates in every string field of every procedure input", () => {
  it("the table lists every exported input schema", () => {
    const listed = new Set<unknown>(PROCEDURES.map((p) => p.schema));
    const missing = Object.entries(schemas)
      .filter(([name, value]) => name.endsWith("Input") && value instanceof z.ZodType && !listed.has(value))
      .map(([name]) => name);
    expect(missing).toEqual([]);
  });

  // A procedure whose input has no string field (account.delete's literal) gets no case of its own.
  for (const procedure of PROCEDURES.filter((p) => stringLeaves(p.schema).length > 0)) {
    it(`${procedure.path}: the valid input is accepted past validation, each bad string field is a 400`, async () => {
      const leaves = stringLeaves(procedure.schema);
      const token = tokenFor(procedure);
      const valid = await call(server.url, procedure, procedure.input, token);
      expect(valid.status, valid.text).not.toBe(400);
      for (const leaf of leaves) {
        for (const bad of ["ab\u0000c", "ab\uD800c"]) {
          const input = withValueAt(procedure.input, leaf.path, bad);
          const answer = await call(server.url, procedure, input, token);
          expect(answer.status, `${leaf.path.join(".")} ${JSON.stringify(bad)}: ${answer.text.slice(0, 300)}`).toBe(400);
        }
      }
    });
  }

  it("nothing of it was a server error, and no log line carries SQL", () => {
    expect(server.logs.filter((line) => line.msg === "procedure failed")).toEqual([]);
    expect(server.logs.map((line) => JSON.stringify(line)).filter((line) => /\b(insert into|select .* from)\b/i.test(line))).toEqual([]);
  });
});

describe("a zod error answer is bounded", () => {
  it("thousands of unknown keys are listed up to a small cap, never echoed", async () => {
    const input: Record<string, unknown> = { dish: "omelette" };
    for (let i = 0; i < 5_000; i++) input[`k${i}`] = i;
    const procedure = PROCEDURES.find((p) => p.path === "recipe.generate") as Procedure;
    const answer = await call(server.url, procedure, input);
    expect(answer.status).toBe(400);
    expect(answer.text.length).toBeLessThan(8_000);
    expect(answer.text).toMatch(/Unrecognized keys: .* and 4990 more/);
  });

  it("a thousand bad items give at most 20 issues", async () => {
    const procedure = PROCEDURES.find((p) => p.path === "recipe.fromIngredients") as Procedure;
    const answer = await call(server.url, procedure, { ingredients: Array.from({ length: 1000 }, () => "") });
    expect(answer.status).toBe(400);
    expect(answer.text.length).toBeLessThan(8_000);
  });
});

/** An access token signed with the server's secret, with any claims (HS256, typ at+jwt, as core issues them). */
function forgeAccessToken(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const body = `${encode({ alg: "HS256", typ: "at+jwt" })}.${encode({ iss: "sous", aud: "sous-api", iat: now, exp: now + 600, jti: randomUUID(), role: "user", ...claims })}`;
  const signature = createHmac("sha256", "test-secret-that-is-long-enough-for-hs256").update(body).digest("base64url");
  return `${body}.${signature}`;
}

describe("an access token whose user is not (or no longer) there", () => {
  it("a forged-shape token of the right secret is accepted when its user exists (the forgery is faithful)", async () => {
    const row = await server.db.db.selectFrom("users").select("id").where("email", "=", "user@sous.test").executeTakeFirstOrThrow();
    const answer = await call(server.url, PROCEDURES.find((p) => p.path === "saved.list") as Procedure, {}, forgeAccessToken({ sub: row.id }));
    expect(answer.status, answer.text).toBe(200);
  });

  it("`sub` not a UUID → 401 on every procedure", async () => {
    const token = forgeAccessToken({ sub: "not-a-uuid" });
    for (const procedure of PROCEDURES.filter((p) => !p.path.startsWith("auth.") || p.access !== "public")) {
      expect((await call(server.url, procedure, procedure.input, token)).status, procedure.path).toBe(401);
    }
  });

  it("a deleted user's token → 401 on every procedure (reads and writes alike)", async () => {
    // Signed in, then the account is deleted before the token is ever used (the existence answer is cached
    // for 30 s per user; see the README).
    const { accessToken } = await devSignIn(server.url, "leaving@sous.test");
    await server.db.db.deleteFrom("users").where("email", "=", "leaving@sous.test").execute();
    const statuses: Record<string, number> = {};
    for (const procedure of PROCEDURES.filter((p) => !p.path.startsWith("auth.") || p.access !== "public")) {
      statuses[procedure.path] = (await call(server.url, procedure, procedure.input, accessToken)).status;
    }
    for (const query of ["auth.me", "recipe.quota", "saved.list"]) {
      statuses[query] = (await fetch(`${server.url}/trpc/${query}`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
    }
    expect(Object.entries(statuses).filter(([, status]) => status !== 401)).toEqual([]);
  });
});
