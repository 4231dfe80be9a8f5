/**
 * Reads a tRPC request body as text within a byte limit (Content-Length or streamed). tRPC parses the JSON
 * once, itself. JSON is UTF-8 (RFC 8259): another charset or a compressed body is refused, not guessed at.
 */
import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import type { Refusal } from "./errors.js";

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

export type BodyResult = { text: string } | { refusal: Refusal };

export async function readTextBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const charset = CHARSET.exec(req.headers["content-type"] ?? "")?.[1]?.toLowerCase();
  const encoding = req.headers["content-encoding"]?.toLowerCase() ?? "identity";
  if ((charset !== undefined && charset !== "utf-8" && charset !== "utf8") || encoding !== "identity") {
    await drain(req);
    return { refusal: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported body encoding" } };
  }
  try {
    return { text: await getRawBody(req, { length: req.headers["content-length"], limit: limitBytes, encoding: "utf8" }) };
  } catch (error) {
    await drain(req);
    const { type, status } = error as { type?: unknown; status?: unknown };
    if (type === "entity.too.large") return { refusal: { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large" } };
    if (typeof status === "number" && status >= 400 && status < 500) {
      return { refusal: { code: "BAD_REQUEST", message: "Malformed request" } };
    }
    throw error;
  }
}

/**
 * Reads off the rest of a refused body before the answer goes out (as body-parser does), so a client still
 * sending gets the answer rather than a reset connection. The server's request timeout bounds the wait.
 */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    req.once("end", resolve);
    req.once("close", resolve);
    req.resume();
  });
}
