/**
 * pg's Client, with its promise-style queries answered through pg's callback style.
 *
 * Measured on Node 20 with pg 8.23: a query awaited in pg's promise style leaves its whole result reachable
 * through young-generation GCs, so every page of rows is copied twice and promoted to the old generation
 * (~15 KB a saved.list call), to be swept only by a full GC: slower calls and multi-millisecond pauses.
 * The same query through a callback leaves nothing behind. Kysely awaits every query, so the pool it uses is
 * built with this client. Only the (text, values) form Kysely sends is rerouted; anything else is pg's own.
 */
import pg from "pg";

type LooseQuery = (config: unknown, values?: unknown, callback?: unknown) => unknown;

export class CallbackQueryClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = super.query.bind(this) as LooseQuery;
    const viaCallback: LooseQuery = (config, values, callback) => {
      if (typeof config !== "string" || callback !== undefined || typeof values === "function") {
        return query(config, values, callback);
      }
      return new Promise((resolve, reject) => {
        query(config, values, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(result)));
      });
    };
    this.query = viaCallback as pg.Client["query"];
  }
}
