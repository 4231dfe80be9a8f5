import { adminGuard, publicGuard, sessionGuard, userGuard } from "./middleware/guard.js";
import { baseProcedure } from "./trpc.js";

/** Sign-in, refresh and sign-out: domain errors mapped, one rate-limit point; a stale Bearer is ignored. */
export const sessionProcedure = baseProcedure.use(sessionGuard);
/** Every other procedure: anonymous callers welcome, but a Bearer that does not verify is refused. */
export const publicProcedure = baseProcedure.use(publicGuard);
/** Signed in (access token or API token); `ctx.principal` is non-null. */
export const protectedProcedure = baseProcedure.use(userGuard);
export const adminProcedure = baseProcedure.use(adminGuard);
