import { requireAdmin, requireUser } from "./middleware/auth.js";
import { domainErrors } from "./middleware/domain-errors.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { baseProcedure } from "./trpc.js";

/** Every procedure: domain errors mapped, then one rate-limit point consumed. */
export const publicProcedure = baseProcedure.use(domainErrors).use(rateLimit);
/** Signed in (access token or API token); `ctx.principal` is non-null. */
export const protectedProcedure = publicProcedure.use(requireUser);
export const adminProcedure = protectedProcedure.use(requireAdmin);
