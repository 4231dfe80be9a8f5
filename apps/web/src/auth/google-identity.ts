/**
 * Google Identity Services, loaded only when a client id is configured. Google's script renders its own
 * button and hands back an ID token, which `auth.signInWithGoogle` verifies on the server.
 */

interface CredentialResponse {
  credential: string;
}

interface GoogleIdentity {
  accounts: {
    id: {
      initialize(options: { client_id: string; callback(response: CredentialResponse): void; ux_mode?: "popup" }): void;
      renderButton(parent: HTMLElement, options: Record<string, string | number>): void;
      disableAutoSelect(): void;
    };
  };
}

declare global {
  interface Window {
    google?: GoogleIdentity;
  }
}

const SCRIPT_URL = "https://accounts.google.com/gsi/client";
let loading: Promise<GoogleIdentity> | null = null;

export function loadGoogleIdentity(): Promise<GoogleIdentity> {
  loading ??= new Promise<GoogleIdentity>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = SCRIPT_URL;
    script.async = true;
    script.onload = () => (window.google ? resolve(window.google) : reject(new Error("Google sign-in did not load.")));
    script.onerror = () => {
      loading = null; // let a later visit try again
      reject(new Error("Google sign-in could not be loaded. Check your connection or content blockers."));
    };
    document.head.append(script);
  });
  return loading;
}
