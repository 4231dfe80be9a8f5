import { createServer, type Server, type Socket } from "node:net";

/**
 * A loopback "Redis" that completes ioredis's handshake (HELLO refused, CLIENT, INFO) and then never answers a command:
 * the hung-but-connected server that timeouts exist for. Records the commands it swallowed.
 */
export async function startSilentRedis(): Promise<{ url: string; swallowed: string[]; close(): Promise<void> }> {
  const swallowed: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      // Inline RESP array parsing is enough here: commands arrive as *N\r\n$len\r\narg\r\n…
      for (;;) {
        const command = takeCommand(buffer);
        if (!command) break;
        buffer = buffer.slice(command.length);
        const name = command.args[0]?.toUpperCase();
        // Refusing RESP3 makes ioredis fall back to RESP2, whose handshake is simpler to fake.
        if (name === "HELLO") socket.write("-NOPROTO unsupported protocol version\r\n");
        else if (name === "CLIENT" || name === "SELECT") socket.write("+OK\r\n");
        else if (name === "INFO") {
          const info = "# Server\r\nredis_version:7.2.0\r\nloading:0\r\n";
          socket.write(`$${Buffer.byteLength(info)}\r\n${info}\r\n`);
        } else swallowed.push(name ?? "");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  return {
    url: `redis://127.0.0.1:${address.port}`,
    swallowed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function takeCommand(buffer: string): { args: string[]; length: number } | undefined {
  let at = 0;
  const line = () => {
    const end = buffer.indexOf("\r\n", at);
    if (end === -1) return undefined;
    const text = buffer.slice(at, end);
    at = end + 2;
    return text;
  };
  const head = line();
  if (head === undefined || !head.startsWith("*")) return undefined;
  const args: string[] = [];
  for (let i = 0; i < Number(head.slice(1)); i++) {
    const size = line();
    if (size === undefined) return undefined;
    const length = Number(size.slice(1));
    if (buffer.length < at + length + 2) return undefined;
    args.push(buffer.slice(at, at + length));
    at += length + 2;
  }
  return { args, length: at };
}
