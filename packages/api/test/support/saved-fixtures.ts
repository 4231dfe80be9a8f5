import type { Caller, Harness } from "./harness.js";

/** A valid recipe (Pancakes); tests override what they look at (title, ingredients, servings). */
export { samplePancakes as makeRecipe } from "@sous/testkit";

/** Signs a new user in and returns their id and a caller acting as them. */
export async function signedInCaller(h: Harness, email?: string): Promise<{ userId: string; caller: Caller }> {
  const session = await h.signIn(email);
  const { caller } = await h.call({ bearer: session.accessToken });
  return { userId: session.user.id, caller };
}

/** The user's saved rows as stored, ordered by id: for "nothing else changed" assertions. */
export async function storedRows(h: Harness, userId?: string) {
  let query = h.db.selectFrom("saved_recipes").selectAll().orderBy("id");
  if (userId !== undefined) query = query.where("user_id", "=", userId);
  return query.execute();
}

/**
 * Sets rows' creation (and optionally update) time, to build a history in the past. The app never writes
 * these columns (the schema types them insert-only), hence the cast in this fixture.
 */
export async function backdate(h: Harness, id: string | undefined, at: Date | string, alsoUpdatedAt = false) {
  const values = alsoUpdatedAt ? { created_at: at, updated_at: at } : { created_at: at };
  let query = h.db.updateTable("saved_recipes").set(values as never);
  if (id !== undefined) query = query.where("id", "=", id);
  await query.execute();
}
