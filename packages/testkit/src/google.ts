import { createHmac, createPublicKey, generateKeyPairSync, randomBytes, randomInt, sign, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for Google's certificate endpoint (https://www.googleapis.com/oauth2/v1/certs) and a
 * minter of ID tokens signed with a real RSA key, so google-auth-library's real `verifyIdToken` runs
 * end to end. The endpoint maps key ids to PEM; Google serves X.509 certificates there, this server serves
 * SPKI public keys: the library hands the PEM to node:crypto's `verify`, which takes either, and Node cannot
 * create certificates without an ASN.1 encoder this kit has no other use for.
 */
export interface IdTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  picture: string;
  iat: number;
  exp: number;
}

export interface MintOptions {
  /** Header `kid`; default: the server's published key id. */
  kid?: string;
  /** Header `alg`: RS256 (default) signs with `key`; HS256 uses the public PEM as HMAC secret (the classic
   * algorithm-confusion attack); none leaves the signature empty. */
  alg?: "RS256" | "HS256" | "none";
  /** Private key for RS256; default: the server's published key. Another key gives a bad signature. */
  key?: KeyObject;
}

export interface GoogleCertsServer {
  /** Pass as `oauth2FederatedSignonPemCertsUrl` (GOOGLE_CERTS_URL). */
  url: string;
  /** The audience minted tokens carry by default. */
  clientId: string;
  kid: string;
  /** How many times the certs were fetched (the client should cache per Cache-Control). */
  readonly requests: number;
  /** `claims` override the defaults; a claim set to undefined is left out. */
  mintIdToken(claims?: Partial<Record<keyof IdTokenClaims, unknown>> & Record<string, unknown>, options?: MintOptions): string;
  close(): Promise<void>;
}

export function createRsaKey(): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

export async function startGoogleCertsServer(
  options: { clientId?: string; maxAgeSeconds?: number } = {},
): Promise<GoogleCertsServer> {
  const clientId = options.clientId ?? "sous-test.apps.googleusercontent.com";
  const key = createRsaKey();
  const kid = randomBytes(20).toString("hex");
  const publicPem = createPublicKey(key).export({ format: "pem", type: "spki" }).toString();
  const body = JSON.stringify({ [kid]: publicPem });
  let requests = 0;

  const server = createServer((req, res) => {
    requests += 1;
    if (req.method !== "GET") {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "application/json; charset=UTF-8",
      "cache-control": `public, max-age=${options.maxAgeSeconds ?? 3600}, must-revalidate, no-transform`,
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/oauth2/v1/certs`,
    clientId,
    kid,
    get requests() {
      return requests;
    },
    mintIdToken(claims = {}, mint = {}) {
      const now = Math.floor(Date.now() / 1000);
      const sub = String(randomInt(1e9, 1e10 - 1)) + String(randomInt(1e9, 1e10 - 1));
      const payload = {
        iss: "https://accounts.google.com",
        aud: clientId,
        sub,
        email: `cook-${sub}@example.com`,
        email_verified: true,
        name: "Test Cook",
        picture: "https://example.com/cook.png",
        iat: now,
        exp: now + 3600,
        ...claims,
      };
      const alg = mint.alg ?? "RS256";
      const header = { alg, kid: mint.kid ?? kid, typ: "JWT" };
      const signingInput = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
      const signature =
        alg === "none"
          ? ""
          : alg === "HS256"
            ? createHmac("sha256", publicPem).update(signingInput).digest("base64url")
            : sign("sha256", Buffer.from(signingInput), mint.key ?? key).toString("base64url");
      return `${signingInput}.${signature}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const b64 = (text: string) => Buffer.from(text).toString("base64url");
