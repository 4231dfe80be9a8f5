import { sql, type Kysely } from "kysely";
import type { Database } from "@sous/db";
import { withTimeout } from "./adapters/with-timeout.js";

export interface HealthChecks {
  db: boolean;
  cache: boolean;
  ai: boolean;
}

export interface HealthService {
  /** Readiness of each dependency; never throws, never hangs longer than `timeoutMs`. */
  check(): Promise<HealthChecks>;
}

export type HealthProbe = () => Promise<boolean>;

/** Each probe answers false on error or after the timeout, so one stuck dependency cannot stall /readyz. */
export function createHealthService(probes: Record<keyof HealthChecks, HealthProbe>, timeoutMs = 2000): HealthService {
  const run = (probe: HealthProbe): Promise<boolean> =>
    withTimeout(probe(), timeoutMs, "health probe").catch(() => false);
  return {
    async check() {
      const [db, cache, ai] = await Promise.all([run(probes.db), run(probes.cache), run(probes.ai)]);
      return { db, cache, ai };
    },
  };
}

export const databaseProbe =
  (db: Kysely<Database>): HealthProbe =>
  async () => {
    await sql`select 1`.execute(db);
    return true;
  };
