export { appRouter, createCaller } from "./root.js";
export type { AppRouter, RouterInputs, RouterOutputs } from "./root.js";
export { createContext } from "./context.js";
export type { AppContext, ContextInput, CookieOptions, ResponseControls } from "./context.js";
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from "./session-cookie.js";
export { transformer } from "./transformer.js";
