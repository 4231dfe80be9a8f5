import { z } from "zod";
import { text } from "./text.js";
import { Recipe } from "./recipe.js";

/** 32 random bytes in base64url: 43 characters. */
export const ShareToken = text().regex(/^[A-Za-z0-9_-]{43}$/, "Not a share token");

export const ShareResult = z.object({ id: z.uuid(), shareUrl: z.string(), shareToken: ShareToken });
export type ShareResult = z.infer<typeof ShareResult>;

export const SharedByTokenInput = z.object({ token: ShareToken }).strict();
export type SharedByTokenInput = z.infer<typeof SharedByTokenInput>;

export const SharedRecipe = z.object({ recipe: Recipe, title: z.string(), sharedAt: z.date() });
export type SharedRecipe = z.infer<typeof SharedRecipe>;
