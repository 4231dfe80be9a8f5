import type { Recipe, ShareResult, SharedRecipe } from "@sous/schemas";
import { hashToken, randomToken } from "../auth/secrets.js";
import { NotFoundError } from "../errors.js";
import type { UnitOfWork } from "../repositories.js";

export interface ShareConfig {
  /** Base of share links, e.g. "https://sous.example.com"; a function when known only once the server listens. */
  publicUrl: string | (() => string);
}

/**
 * Read-only links to a saved recipe. The token is 256 random bits (base64url); only its SHA-256 is stored,
 * so the link is shown once per `share`, and sharing again issues a new link and ends the old one. Unsharing
 * or deleting the recipe ends the link; the page then answers NOT_FOUND like a token that never existed.
 */
export interface ShareService {
  share(userId: string, savedId: string): Promise<ShareResult>;
  unshare(userId: string, savedId: string): Promise<{ id: string }>;
  byToken(token: string): Promise<SharedRecipe>;
}

export function createShareService({ uow, config }: { uow: UnitOfWork; config: ShareConfig }): ShareService {
  const base = () => (typeof config.publicUrl === "string" ? config.publicUrl : config.publicUrl()).replace(/\/+$/, "");
  return {
    async share(userId, savedId) {
      const token = randomToken();
      const link = await uow.repos.shares.upsert({ userId, savedId, tokenHash: hashToken(token) });
      if (!link) throw new NotFoundError("Saved recipe");
      return { id: savedId, shareToken: token, shareUrl: `${base()}/s/${token}` };
    },

    async unshare(userId, savedId) {
      if (await uow.repos.shares.delete(userId, savedId)) return { id: savedId };
      // Not shared: fine when the recipe is the caller's (unsharing twice is not an error), else NOT_FOUND.
      if (!(await uow.repos.saved.find(userId, savedId))) throw new NotFoundError("Saved recipe");
      return { id: savedId };
    },

    async byToken(token) {
      const shared = await uow.repos.shares.findByHash(hashToken(token));
      if (!shared) throw new NotFoundError("Shared recipe");
      return { title: shared.title, recipe: shared.recipe as Recipe, sharedAt: shared.sharedAt };
    },
  };
}
