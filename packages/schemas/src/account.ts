import { z } from "zod";

export const ACCOUNT_DELETE_CONFIRMATION = "delete my account";

/** The caller types the sentence: a stray call cannot delete an account. */
export const AccountDeleteInput = z.object({ confirm: z.literal(ACCOUNT_DELETE_CONFIRMATION) }).strict();
export type AccountDeleteInput = z.infer<typeof AccountDeleteInput>;
