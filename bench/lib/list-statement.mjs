// Sous's saved.list statement for a first page sorted newest, as its repository compiles it (@sous/db), so
// the baselines run exactly what Sous runs. Parameters: [user id, row count].
import { savedListStatement } from "@sous/db";
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from "kysely";

// Compiles only: no connection.
const db = new Kysely({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export function listStatement(rows) {
  const { sql, parameters } = savedListStatement(db)({ userId: "00000000-0000-4000-8000-000000000000", sort: "newest", limit: rows });
  if (parameters.length !== 2 || parameters[1] !== rows) throw new Error(`saved.list statement changed shape: ${sql}`);
  return { sql, parameters };
}
