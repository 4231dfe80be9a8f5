import type { AccountRecords } from "@sous/db";
import type { AccountDeleteInput } from "@sous/schemas";
import { NotFoundError } from "../errors.js";
import type { UnitOfWork } from "../repositories.js";

/** Everything Sous keeps about the caller, as JSON; token hashes and secrets never leave. */
export type AccountExport = AccountRecords & { exportedAt: Date; format: "sous-export/1" };

export interface AccountService {
  export(userId: string): Promise<AccountExport>;
  /**
   * Deletes every row of the caller in one transaction: saved recipes, share links, conversations and their
   * messages, shopping list, plan, API tokens, sessions (so every refresh token dies with them), AI usage and
   * the user. Access tokens already issued are self-contained and die with their short lifetime.
   */
  delete(userId: string, input: AccountDeleteInput): Promise<{ ok: true }>;
}

export function createAccountService(deps: {
  uow: UnitOfWork;
  /** Writes buffered AI usage first, so no usage row of the caller lands after the delete. */
  flushUsage: () => Promise<void>;
  clock: () => Date;
}): AccountService {
  const { uow } = deps;
  return {
    async export(userId) {
      const records = await uow.transaction((repos) => repos.account.export(userId));
      if (!records) throw new NotFoundError("User");
      return { format: "sous-export/1", exportedAt: deps.clock(), ...records };
    },

    async delete(userId) {
      await deps.flushUsage();
      const deleted = await uow.transaction((repos) => repos.account.deleteAll(userId));
      if (!deleted) throw new NotFoundError("User");
      return { ok: true };
    },
  };
}
