import { z } from "zod";

/**
 * NUL, or a UTF-16 surrogate without its pair (`\p{Cs}` matches only unpaired ones in a `u` regex). Neither
 * can be stored in Postgres text (or encoded as UTF-8 at all), and neither is ever meant by a caller.
 */
const UNSTORABLE = /[\0\p{Cs}]/u;

/**
 * The one string schema of every input: a `z.string()` that refuses NUL and unpaired surrogates (400)
 * before they reach a database or a prompt. Chain bounds on it as on z.string(): `text().trim().max(80)`.
 */
export function text() {
  return z.string().refine((value) => !UNSTORABLE.test(value), {
    message: "Text must not contain NUL characters or unpaired surrogates",
  });
}
