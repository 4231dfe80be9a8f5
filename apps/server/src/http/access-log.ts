import type { Request, Response } from "express";
import type { Logger } from "pino";

const PROBES = new Set(["/healthz", "/readyz"]);

/**
 * One line per request when the response ends (or the client goes away). The query string is left out: tRPC
 * GETs carry procedure input there, and input is the caller's data, not the operator's.
 */
export function accessLog(logger: Logger): (req: Request, res: Response, requestId: string) => void {
  // Every field of these lines is built below and none can hold a credential, so they skip the redaction
  // pass, the costliest step of writing a log line.
  const log = logger.child({}, { redact: [] });
  return (req, res, requestId) => {
    const started = performance.now();
    // Read now: routers mounted on a path (/trpc) rewrite req.url while they handle the request.
    const path = req.url.split("?", 1)[0] ?? "";
    res.once("close", () => {
      const fields = {
        requestId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ip: req.ip,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      // Load balancer probes every few seconds would drown everything else.
      if (PROBES.has(path)) log.debug(fields, "request");
      else log.info(fields, "request");
    });
  };
}
