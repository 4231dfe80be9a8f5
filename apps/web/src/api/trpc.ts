/**
 * The typed tRPC hooks. Only types come from @sous/api (lint enforces it): the server's code never reaches
 * the bundle.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from "@sous/api";
import { createTRPCReact } from "@trpc/react-query";

export const trpc = createTRPCReact<AppRouter>();

export type { AppRouter, RouterInputs, RouterOutputs };

/** What a subscription yields, from its output type (an async iterable of events). */
export type StreamEvent<T> = T extends AsyncIterable<infer U> ? U : T;
