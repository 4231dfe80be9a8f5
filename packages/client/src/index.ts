/** @sous/client: the typed client for internal tools. The `sous` CLI (src/cli.ts) is built on it. */
export { createSousClient } from "./client.js";
export type { SousClient, SousClientOptions } from "./client.js";
export type { CredentialOptions } from "./credentials.js";
export { errorCode, isReconnectRequest, isUnauthorized } from "./errors.js";
export { refreshLink, type RefreshSource } from "./refresh-link.js";
export { TRPCClientError } from "@trpc/client";
export type { RouterInputs, RouterOutputs } from "@sous/api";
export type { Session } from "@sous/schemas";
