import { randomUUID } from "node:crypto";
import { afterAll, expect } from "vitest";
import { closeRedis, createRedis, silentLogger, waitForRedis, type Redis } from "../../src/index.js";

/**
 * Connections to the test Redis for one describe block: each test gets its own key prefix, and every key under
 * those prefixes is deleted and every client closed when the block ends, so runs never see each other's keys.
 * Call inside a `describe` (it registers an afterAll).
 */
export function redisSession(url: string) {
  const clients: Redis[] = [];
  const prefixes: string[] = [];
  afterAll(async () => {
    const [redis] = clients;
    if (redis) {
      for (const prefix of prefixes) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      }
    }
    await Promise.all(clients.map(closeRedis));
  });
  return {
    async connect(): Promise<Redis> {
      const redis = createRedis(url, silentLogger);
      clients.push(redis);
      expect(await waitForRedis(redis, 3_000)).toBe(true);
      return redis;
    },
    newPrefix(): string {
      const prefix = `sous-test:${randomUUID()}:`;
      prefixes.push(prefix);
      return prefix;
    },
  };
}
