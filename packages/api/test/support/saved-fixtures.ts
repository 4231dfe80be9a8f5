import type { Recipe } from "@sous/schemas";
import type { Caller, Harness } from "./harness.js";

/** A valid recipe; tests override what they look at (title, ingredients, servings). */
export function makeRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return {
    title: "Pancakes",
    summary: "Thin pancakes for a weekend breakfast.",
    cuisine: "French",
    servings: 4,
    prepMinutes: 10,
    cookMinutes: 20,
    difficulty: "easy",
    diets: ["vegetarian"],
    allergens: ["gluten", "eggs", "milk"],
    ingredients: [
      { name: "plain flour", quantity: 250, unit: "g" },
      { name: "eggs", quantity: 2 },
      { name: "whole milk", quantity: 500, unit: "ml" },
      { name: "sugar", quantity: 1, unit: "tbsp" },
      { name: "salt", quantity: 1, unit: "tsp" },
      { name: "butter", note: "for the pan" },
    ],
    steps: ["Whisk everything into a smooth batter and let it rest.", "Fry thin pancakes in a hot buttered pan."],
    nutrition: { calories: 320, proteinG: 11, carbsG: 48, fatG: 9 },
    ...overrides,
  };
}

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
