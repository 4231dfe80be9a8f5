import { rejectInvalidCredential, requireAdmin, requireUser } from "./middleware/auth.js";
import { domainErrors } from "./middleware/domain-errors.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { baseProcedure } from "./trpc.js";

/** Sign-in, refresh and sign-out: domain errors mapped, one rate-limit point; a stale Bearer is ignored. */
export const sessionProcedure = baseProcedure.use(domainErrors).use(rateLimit);
/** Every other procedure: anonymous callers welcome, but a Bearer that does not verify is refused. */
export const publicProcedure = sessionProcedure.use(rejectInvalidCredential);
/** Signed in (access token or API token); `ctx.principal` is non-null. */
export const protectedProcedure = publicProcedure.use(requireUser);
export const adminProcedure = protectedProcedure.use(requireAdmin);
