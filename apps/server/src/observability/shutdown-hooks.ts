/**
 * Work that must finish before the process exits, registered by code that runs before the app (tracing.ts
 * flushes its spans): main.ts runs these after Sous has stopped, just before exit.
 */
const hooks: (() => Promise<void>)[] = [];

export function onShutdown(hook: () => Promise<void>): void {
  hooks.push(hook);
}

export async function runShutdownHooks(): Promise<void> {
  await Promise.allSettled(hooks.map((hook) => hook()));
}
