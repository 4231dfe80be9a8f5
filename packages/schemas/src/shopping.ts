import { z } from "zod";
import { text } from "./text.js";
import { LIMITS } from "./limits.js";

export const ShoppingSource = z.object({ savedId: z.uuid().optional(), title: z.string() });
export type ShoppingSource = z.infer<typeof ShoppingSource>;

export const ShoppingItem = z.object({
  id: z.uuid(),
  name: z.string(),
  quantity: z.number().optional(),
  unit: z.string().optional(),
  checked: z.boolean(),
  /** The recipes the line came from; a free addition has no savedId. */
  sources: z.array(ShoppingSource),
});
export type ShoppingItem = z.infer<typeof ShoppingItem>;

export const ShoppingList = z.object({ items: z.array(ShoppingItem) });
export type ShoppingList = z.infer<typeof ShoppingList>;

export const ShoppingAddRecipeInput = z
  .object({ savedId: z.uuid(), servings: z.number().int().min(1).max(48).optional() })
  .strict();
export type ShoppingAddRecipeInput = z.infer<typeof ShoppingAddRecipeInput>;

/** A free line; pantry suggestions' `missing` names fit as `{ name }`. */
export const ShoppingNewItem = z
  .object({
    name: text().trim().min(1).max(LIMITS.ingredientName),
    quantity: z.number().positive().max(100_000).optional(),
    unit: text().trim().min(1).max(20).optional(),
  })
  .strict();
export type ShoppingNewItem = z.infer<typeof ShoppingNewItem>;

export const ShoppingAddItemsInput = z.object({ items: z.array(ShoppingNewItem).min(1).max(LIMITS.shoppingItems) }).strict();
export type ShoppingAddItemsInput = z.infer<typeof ShoppingAddItemsInput>;

export const ShoppingCheckInput = z.object({ id: z.uuid(), checked: z.boolean() }).strict();
export type ShoppingCheckInput = z.infer<typeof ShoppingCheckInput>;

/** Without `checkedOnly` (or false) the whole list is cleared. */
export const ShoppingClearInput = z.object({ checkedOnly: z.boolean().optional() }).strict().optional();
export type ShoppingClearInput = z.infer<typeof ShoppingClearInput>;
