/**
 * A query compiled once per shape, each call binding its own values.
 *
 * Kysely builds and compiles a query anew on every call: hundreds of small immutable nodes. On saved.list,
 * the hottest read, that measured tens of µs of CPU a call under load (the nodes' garbage included). A query
 * whose shape (which clauses it has, which way it sorts) follows from a few flags is built once per shape
 * through Kysely's public builder and `compile()`; a call then puts its own values in place of the stand-ins
 * of the compiled `parameters`. `pnpm bench` shows the figure against building the query each call.
 *
 * `build` takes the structure from `shape` only. Its `params` are placeholders, typed as Kysely expressions
 * (`Expression<T>`): they go wherever Kysely takes a value or an expression, and comparing one with a value
 * (`p.sort === "title"`), computing with it (`p.limit + 1`) or reading it (`p.q.length`) is a type error,
 * because while `build` runs no call's value exists. (A bare truthiness test, `if (p.q)`, is always true and
 * TypeScript itself does not reject it; type-aware lint's no-unnecessary-condition does.)
 */
import { sql, type Compilable, type CompiledQuery, type Expression } from "kysely";

/** A value bound per call, inside a query built once. */
export type Placeholder<T> = Expression<T>;

/** One placeholder per parameter; an optional parameter's placeholder stands for its value when present. */
export type Placeholders<Params> = { readonly [K in keyof Params]-?: Placeholder<Exclude<Params[K], undefined>> };

const STAND_IN = Symbol("query parameter stand-in");
type StandIn = { readonly [STAND_IN]: string };

export function compiledByShape<Shape, Params extends object, Row>(
  build: (shape: Shape, params: Placeholders<Params>) => Compilable<Row>,
  keyOf: (shape: Shape) => string,
): (shape: Shape, params: Params) => CompiledQuery<Row> {
  const compiled = new Map<string, { query: CompiledQuery<Row>; names: (string | undefined)[] }>();
  return (shape, params) => {
    const key = keyOf(shape);
    let entry = compiled.get(key);
    if (!entry) {
      const query = build(shape, placeholders<Params>()).compile();
      entry = { query, names: query.parameters.map((value) => (isStandIn(value) ? value[STAND_IN] : undefined)) };
      compiled.set(key, entry);
    }
    const { query, names } = entry;
    const values = params as Record<string, unknown>;
    const parameters = names.map((name, i) => (name === undefined ? query.parameters[i] : values[name]));
    return { ...query, parameters };
  };
}

/**
 * Placeholders binding real values: what `build` gives Kysely when the query is built for one call only
 * (the reference the compiled shapes are tested against).
 */
export function boundValues<Params extends object>(params: Params): Placeholders<Params> {
  return new Proxy({} as Placeholders<Params>, {
    get: (_, name) => sql.val((params as Record<string | symbol, unknown>)[name]),
  });
}

// Made on demand, so a parameter absent from the first call's object still gets its stand-in. Each is a
// Kysely value (`sql.val`), compiled to `$n` with the stand-in in `parameters`, where calls find it by name.
function placeholders<Params extends object>(): Placeholders<Params> {
  return new Proxy({} as Placeholders<Params>, {
    get: (_, name) => sql.val<StandIn>({ [STAND_IN]: String(name) }),
  });
}

function isStandIn(value: unknown): value is StandIn {
  return typeof value === "object" && value !== null && STAND_IN in value;
}
