/**
 * The web app's configuration, fixed at build time (Vite inlines `VITE_*` variables). The only reader of
 * import.meta.env, as apps/server/src/env.ts is the only reader of process.env.
 */
const googleClientId = import.meta.env.VITE_GOOGLE_CLIENT_ID?.trim();

export const env = {
  /** Set: the sign-in screen shows Google's button. Unset: the dev sign-in form (the server may refuse it). */
  googleClientId: googleClientId ? googleClientId : undefined,
  /** Same origin in production (the server serves this app) and in development (Vite proxies /trpc). */
  trpcUrl: "/trpc",
} as const;
