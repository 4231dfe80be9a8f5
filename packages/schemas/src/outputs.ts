/**
 * Output schemas the other files have no home for: procedures declare them with `.output()` so the REST API's
 * OpenAPI document (trpc-to-openapi) can describe every answer.
 */
import { z } from "zod";

/** What `delete`-style procedures answer: the id of the row that is gone. */
export const IdResult = z.object({ id: z.uuid() });
export type IdResult = z.infer<typeof IdResult>;

/** An API token as its owner lists it; the secret itself is shown once, by `create`, never again. */
export const ApiTokenSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;

export const ApiTokenList = z.array(ApiTokenSummary);
