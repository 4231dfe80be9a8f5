/**
 * Who is calling and over what: the client's address and protocol. `X-Forwarded-For` / `-Proto` are believed
 * only from the proxies TRUST_PROXY names, by Express's `trust proxy` rules and through the same proxy-addr.
 */
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import proxyAddr from "proxy-addr";
import type { TrustProxy } from "../env.js";

export interface ClientAddress {
  ip: string;
  protocol: string;
}

export function clientAddressResolver(trustProxy: TrustProxy): (req: IncomingMessage) => ClientAddress {
  const trust = compileTrust(trustProxy);
  return (req) => {
    const direct = req.socket.remoteAddress;
    const ownProtocol = (req.socket as Partial<TLSSocket>).encrypted ? "https" : "http";
    // Nothing trusted: the headers are the caller's own claims, so skip parsing them.
    if (trustProxy === false || direct === undefined || !trust(direct, 0)) {
      return { ip: direct ?? "unknown", protocol: ownProtocol };
    }
    const forwardedProto = req.headers["x-forwarded-proto"];
    const protocol = typeof forwardedProto === "string" ? (forwardedProto.split(",", 1)[0] ?? "").trim() : "";
    return { ip: proxyAddr(req, trust), protocol: protocol || ownProtocol };
  };
}

/** Express's compileTrust: true trusts every hop, a number that many hops, a string a list of addresses. */
function compileTrust(value: TrustProxy): (address: string, hop: number) => boolean {
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value === "number") return (_address, hop) => hop < value;
  return proxyAddr.compile(value.split(",").map((entry) => entry.trim()));
}
