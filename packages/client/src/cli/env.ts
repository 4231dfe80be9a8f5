/**
 * The CLI's only reader of the environment (the CLI is an app entry point living in a package; eslint
 * exempts this one file). Everything else in the CLI takes these values as arguments.
 */
export interface CliEnv {
  /** Where Sous answers; `SOUS_URL`, default http://localhost:3000. */
  url: string;
  /** An API token (`auth.apiTokens.create`) or access token; `SOUS_TOKEN`. */
  token: string | undefined;
}

export const DEFAULT_URL = "http://localhost:3000";

export function readCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  const url = env["SOUS_URL"]?.trim() || DEFAULT_URL;
  const token = env["SOUS_TOKEN"]?.trim() || undefined;
  return { url, token };
}
