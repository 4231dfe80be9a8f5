/** Bounds shared by inputs, the prompt guard and the web app's form hints. */
export const LIMITS = {
  dish: 120,
  ingredientName: 80,
  ingredients: 30,
  exclude: 20,
  chatMessage: 2000,
  tags: 20,
  tag: 40,
  notes: 4000,
  idempotencyKey: 64,
  searchQuery: 200,
  pageSize: 100,
  apiTokenName: 80,
  shoppingItems: 100,
} as const;
