import type { ShoppingItemRecord } from "@sous/db";
import {
  scaleRecipe,
  type Recipe,
  type ShoppingAddItemsInput,
  type ShoppingAddRecipeInput,
  type ShoppingCheckInput,
  type ShoppingItem,
  type ShoppingList,
} from "@sous/schemas";
import { NotFoundError } from "../errors.js";
import type { Repositories, UnitOfWork } from "../repositories.js";
import { mergeLines, type Line } from "./merge.js";

export interface ShoppingService {
  list(userId: string): Promise<ShoppingList>;
  /** The saved recipe's ingredients, scaled to `servings` (default: the recipe's own), merged into the list. */
  addRecipe(userId: string, input: ShoppingAddRecipeInput): Promise<ShoppingList>;
  addItems(userId: string, input: ShoppingAddItemsInput): Promise<ShoppingList>;
  check(userId: string, input: ShoppingCheckInput): Promise<ShoppingList>;
  remove(userId: string, id: string): Promise<ShoppingList>;
  clear(userId: string, input: { checkedOnly?: boolean | undefined } | undefined): Promise<ShoppingList>;
  /**
   * Merges lines into the list inside the caller's transaction (plan.toShopping adds many recipes at once).
   * Exposed for other services; routers use the methods above.
   */
  addLines(repos: Repositories, userId: string, lines: Line[]): Promise<void>;
}

const toItem = (r: ShoppingItemRecord): ShoppingItem => ({
  id: r.id,
  name: r.name,
  ...(r.quantity === null ? {} : { quantity: r.quantity }),
  ...(r.unit === null ? {} : { unit: r.unit }),
  checked: r.checked,
  sources: r.sources,
});

const toRow = (line: Line) => ({ name: line.name, quantity: line.quantity ?? null, unit: line.unit ?? null, sources: line.sources });

/** The lines a saved recipe adds, scaled. */
export function recipeLines(savedId: string, title: string, recipe: Recipe, servings: number | undefined): Line[] {
  const scaled = servings === undefined ? recipe : scaleRecipe(recipe, servings);
  return scaled.ingredients.map((i) => ({ name: i.name, quantity: i.quantity, unit: i.unit, sources: [{ savedId, title }] }));
}

/** A signed-in user's one shopping list. Every statement filters by the session's user id. */
export function createShoppingService({ uow }: { uow: UnitOfWork }): ShoppingService {
  const list = async (userId: string): Promise<ShoppingList> => ({
    items: (await uow.repos.shopping.list(userId)).map(toItem),
  });

  async function addLines(repos: Repositories, userId: string, lines: Line[]) {
    // Locked read, then writes: two additions at once cannot both miss the line they should merge into.
    const existing = (await repos.shopping.listForUpdate(userId)).map((r) => ({ ...toItem(r), sources: r.sources }));
    const plan = mergeLines(existing, lines);
    for (const { id, line } of plan.updates) await repos.shopping.replace(userId, id, toRow(line));
    await repos.shopping.insert(userId, plan.inserts.map(toRow));
  }

  return {
    list,
    addLines,

    async addRecipe(userId, { savedId, servings }) {
      await uow.transaction(async (repos) => {
        const saved = await repos.saved.find(userId, savedId);
        if (!saved) throw new NotFoundError("Saved recipe");
        await addLines(repos, userId, recipeLines(saved.id, saved.title, saved.recipe as Recipe, servings));
      });
      return list(userId);
    },

    async addItems(userId, { items }) {
      await uow.transaction((repos) => addLines(repos, userId, items.map((i) => ({ ...i, sources: [] }))));
      return list(userId);
    },

    async check(userId, { id, checked }) {
      if (!(await uow.repos.shopping.setChecked(userId, id, checked))) throw new NotFoundError("Shopping item");
      return list(userId);
    },

    async remove(userId, id) {
      if (!(await uow.repos.shopping.delete(userId, id))) throw new NotFoundError("Shopping item");
      return list(userId);
    },

    async clear(userId, input) {
      await uow.repos.shopping.clear(userId, input?.checkedOnly ?? false);
      return list(userId);
    },
  };
}
