import { verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRsaKey, startGoogleCertsServer, type GoogleCertsServer } from "../src/google.js";

let google: GoogleCertsServer;
beforeAll(async () => {
  google = await startGoogleCertsServer({ maxAgeSeconds: 120 });
});
afterAll(async () => {
  await google.close();
});

const parts = (token: string) => {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;
  return { header: decode(header), payload: decode(payload), signingInput: `${header}.${payload}`, signature };
};

describe("Google certs server", () => {
  it("serves kid → PEM with a max-age, like Google's v1 certs endpoint", async () => {
    const response = await fetch(google.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/max-age=120/);
    const certs = (await response.json()) as Record<string, string>;
    expect(Object.keys(certs)).toEqual([google.kid]);
    expect(certs[google.kid]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(google.requests).toBe(1);
  });

  it("mints RS256 tokens that verify against the served key, with Google's claims", async () => {
    const certs = (await (await fetch(google.url)).json()) as Record<string, string>;
    const token = parts(google.mintIdToken({ email: "x@example.com" }));
    expect(token.header).toEqual({ alg: "RS256", kid: google.kid, typ: "JWT" });
    expect(token.payload).toMatchObject({
      iss: "https://accounts.google.com",
      aud: google.clientId,
      email: "x@example.com",
      email_verified: true,
    });
    expect(token.payload.sub).toMatch(/^\d{20}$/);
    const valid = verify("sha256", Buffer.from(token.signingInput), certs[google.kid]!, Buffer.from(token.signature, "base64url"));
    expect(valid).toBe(true);

    const forged = parts(google.mintIdToken({}, { key: createRsaKey() }));
    expect(verify("sha256", Buffer.from(forged.signingInput), certs[google.kid]!, Buffer.from(forged.signature, "base64url"))).toBe(false);
  });

  it("mints the broken variants tests need", () => {
    const none = parts(google.mintIdToken({ email_verified: undefined }, { alg: "none", kid: "other" }));
    expect(none.header).toMatchObject({ alg: "none", kid: "other" });
    expect(none.signature).toBe("");
    expect(none.payload).not.toHaveProperty("email_verified");
  });
});
