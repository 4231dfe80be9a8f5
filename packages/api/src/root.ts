/**
 * The app router: every feature's router mounted under its name, and the types clients derive from it.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { adminRouter } from "./routers/admin.js";
import { authRouter } from "./routers/auth.js";
import { chatRouter } from "./routers/chat/index.js";
import { recipeRouter } from "./routers/recipe.js";
import { savedRouter } from "./routers/saved.js";
import { accountRouter } from "./routers/account.js";
import { planRouter } from "./routers/plan.js";
import { sharedRouter } from "./routers/shared.js";
import { shoppingRouter } from "./routers/shopping.js";
import { createCallerFactory, router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  admin: adminRouter,
  recipe: recipeRouter,
  chat: chatRouter,
  saved: savedRouter,
  shared: sharedRouter,
  shopping: shoppingRouter,
  plan: planRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Server-side calls without HTTP (tests, scripts): `createCaller(await createContext(...))`. */
export const createCaller = createCallerFactory(appRouter);
