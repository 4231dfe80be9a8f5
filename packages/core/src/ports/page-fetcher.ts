/**
 * The page-fetcher port: how recipe import reads a web page. Production and tests use the same guarded
 * implementation (adapters/page-fetcher.ts); tests allow loopback hosts by name (`IMPORT_ALLOW_HOSTS`).
 * Failures are domain errors with messages a user can act on (ImportFetchError and its kin).
 */
export interface FetchedPage {
  /** Where the page was finally read from, after redirects. */
  url: string;
  html: string;
}

export interface PageFetcher {
  fetch(url: string, options?: { signal?: AbortSignal | undefined }): Promise<FetchedPage>;
}
