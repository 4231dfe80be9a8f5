import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestListener } from "node:http";

export interface Listening {
  server: Server;
  url: string;
  port: number;
}

export async function listen(handler: RequestListener, host: string, port: number): Promise<Listening> {
  const server = createServer(handler);
  // A client has this long to send its headers and body; responses (streams included) are not limited.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(":") ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}`, port: address.port };
}

/**
 * Stops accepting connections and resolves once every in-flight request has finished, or after `timeoutMs`,
 * when the remaining connections are cut. Keep-alive connections are closed as soon as they fall idle, so an
 * idle client cannot hold the process open.
 */
export function closeGracefully(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced });
    });
    server.closeIdleConnections();
  });
}
