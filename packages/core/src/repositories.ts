import type { Kysely } from "kysely";
import {
  createAccountRepository,
  createApiTokensRepository,
  createPlanRepository,
  createSavedRepository,
  createSharesRepository,
  createShoppingRepository,
  createConversationsRepository,
  createSessionsRepository,
  createUsageRepository,
  createUsersRepository,
  type AccountRepository,
  type ApiTokensRepository,
  type PlanRepository,
  type SavedRepository,
  type SharesRepository,
  type ShoppingRepository,
  type ConversationsRepository,
  type Database,
  type SessionsRepository,
  type UsageRepository,
  type UsersRepository,
} from "@sous/db";
import { withTransaction } from "./transaction.js";

/** Every repository services use; a new one goes here and in `createRepositories`. */
export interface Repositories {
  users: UsersRepository;
  sessions: SessionsRepository;
  apiTokens: ApiTokensRepository;
  conversations: ConversationsRepository;
  usage: UsageRepository;
  saved: SavedRepository;
  shares: SharesRepository;
  shopping: ShoppingRepository;
  plan: PlanRepository;
  account: AccountRepository;
}

/**
 * How services reach the data: `repos` for single statements, `transaction` for several that must commit
 * together. Services never see Kysely, so unit tests can hand them in-memory repositories.
 */
export interface UnitOfWork {
  repos: Repositories;
  transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    users: createUsersRepository(db),
    sessions: createSessionsRepository(db),
    apiTokens: createApiTokensRepository(db),
    conversations: createConversationsRepository(db),
    usage: createUsageRepository(db),
    saved: createSavedRepository(db),
    shares: createSharesRepository(db),
    shopping: createShoppingRepository(db),
    plan: createPlanRepository(db),
    account: createAccountRepository(db),
  };
}

export function createUnitOfWork(db: Kysely<Database>): UnitOfWork {
  return {
    repos: createRepositories(db),
    transaction: (fn) => withTransaction(db, (trx) => fn(createRepositories(trx))),
  };
}
