/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Google OAuth client id; when set at build time the sign-in screen offers Google sign-in. */
  readonly VITE_GOOGLE_CLIENT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
