import type { ConversationOwner, ConversationRecord, SavedRepository } from "@sous/db";
import type { ChatReply, ChatSendInput, ChatStreamEvent } from "@sous/schemas";
import { quotaSubject, recordUsage, usageSubject, type AiCaller } from "../ai/caller.js";
import { refundsQuota, toDomainError } from "../ai/llm-errors.js";
import type { PromptGuard } from "../ai/prompt-guard.js";
import type { AiQuota } from "../ai/quota.js";
import type { UsageService } from "../ai/usage.service.js";
import { NotFoundError, UpstreamError, ValidationError } from "../errors.js";
import type { CoreLogger } from "../logger.js";
import type { LlmProvider, LlmUsage } from "../ports/llm.js";
import type { UnitOfWork } from "../repositories.js";
import { type Grounding, retrieveSaved, sourcesOf } from "./grounding.js";
import { boundHistory, CHAT_REFUSAL_REPLY, titleOf, type HistoryLimits } from "./history.js";

export interface ChatService {
  /** The whole reply at once; `signal` (the caller leaving) stops the upstream call. */
  send(input: ChatSendInput, caller: AiCaller, signal?: AbortSignal): Promise<ChatReply>;
  /** Reply tokens as the provider produces them, then the stored turn. Stops upstream when `signal` aborts. */
  stream(input: ChatSendInput, caller: AiCaller, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent>;
  /** Deletes anonymous conversations past their expiry; returns how many went. */
  purgeExpired(): Promise<number>;
}

export interface ChatServiceDeps {
  uow: UnitOfWork;
  provider: LlmProvider;
  quota: AiQuota;
  usage: UsageService;
  guard: PromptGuard;
  limits: HistoryLimits & { anonymousTtlSeconds: number };
  clock: () => Date;
  logger: CoreLogger;
  /** The saved recipes a signed-in caller's chat is grounded in (`useSaved`); absent: never grounded. */
  saved?: SavedRepository | undefined;
}

/**
 * The cooking chat. Conversations live on the server: the client sends only its new message (and the id of
 * the conversation to continue); assistant turns are only ever written here. A turn is stored, user message
 * and reply together, once the reply is complete, so a failed or abandoned turn leaves no trace.
 *
 * Ownership: a signed-in caller's conversations belong to their user id and are reachable only with it. An
 * anonymous conversation has no owner; its unguessable id is the capability to continue it, for anonymous
 * callers only, until it expires (`anonymousTtlSeconds` after its last turn). A signed-in caller cannot
 * continue an anonymous conversation, nor an anonymous caller a signed-in one: both answer NOT_FOUND, exactly
 * like an id that does not exist.
 *
 * A message the prompt guard refuses is answered with a fixed cooking-only reply (`refused: true`) without
 * an upstream call, and without spending quota: it costs nothing upstream, and the per-minute rate limit still
 * bounds it. The refused exchange is stored but never sent upstream again (see history.ts).
 *
 * Grounding (grounding.ts): for a signed-in caller with `useSaved` (the default), the saved recipes relevant to
 * the message go to the provider as data, and the reply's `sources` name those it drew on. They are looked up
 * by the caller's own user id only. Sources are not stored with the conversation.
 */
export function createChatService(deps: ChatServiceDeps): ChatService {
  const { uow, provider, quota, usage, guard, limits, clock, logger, saved } = deps;

  const ownerOf = (caller: AiCaller): ConversationOwner =>
    caller.userId ? { userId: caller.userId } : { anonymous: true, now: clock() };

  async function storeTurn(
    existing: ConversationRecord | undefined,
    caller: AiCaller,
    message: string,
    reply: string,
  ): Promise<string> {
    const at = clock();
    const expiresAt = caller.userId ? null : new Date(at.getTime() + limits.anonymousTtlSeconds * 1000);
    return uow.transaction(async (repos) => {
      const conversation =
        existing ?? (await repos.conversations.create({ userId: caller.userId, title: titleOf(message), at, expiresAt }));
      await repos.conversations.appendMessage({ conversationId: conversation.id, role: "user", content: message, at });
      await repos.conversations.appendMessage({ conversationId: conversation.id, role: "assistant", content: reply, at });
      if (existing) await repos.conversations.touch({ id: existing.id, at, expiresAt });
      return conversation.id;
    });
  }

  const record = (caller: AiCaller, spent: LlmUsage | undefined) => recordUsage(usage, logger, caller, spent);

  async function* stream(input: ChatSendInput, caller: AiCaller, signal?: AbortSignal): AsyncGenerator<ChatStreamEvent> {
    const owner = ownerOf(caller);
    let existing: ConversationRecord | undefined;
    if (input.conversationId) {
      existing = await uow.repos.conversations.find(input.conversationId, owner);
      if (!existing) throw new NotFoundError("Conversation");
    }

    const checked = guard.check(input.message, "chat", { requestId: caller.requestId, subject: usageSubject(caller) });
    if (!checked.ok) {
      if (checked.reason === "too_long") throw new ValidationError(checked.message);
      const conversationId = await storeTurn(existing, caller, input.message, CHAT_REFUSAL_REPLY);
      yield { type: "token", text: CHAT_REFUSAL_REPLY };
      yield { type: "done", reply: CHAT_REFUSAL_REPLY, conversationId, source: provider.source, refused: true };
      return;
    }

    const release = await quota.acquire(quotaSubject(caller));
    let spent: LlmUsage | undefined;
    let refund = false;
    try {
      const past = existing ? await uow.repos.conversations.history(existing.id, owner, limits.maxTurns * 2) : [];
      const turns = boundHistory(past, checked.text, limits);
      const grounding: Grounding | undefined =
        saved && caller.userId && input.useSaved !== false
          ? await retrieveSaved(saved, caller.userId, checked.text, clock())
          : undefined;
      let done: { reply: string; refused: boolean; sources?: string[] | undefined } | undefined;
      for await (const event of provider.chat(turns, { signal, saved: grounding?.saved })) {
        if (event.type === "token") {
          if (event.text) yield { type: "token", text: event.text };
        } else {
          done = event;
          spent = event.usage;
        }
      }
      if (!done) throw new UpstreamError();
      const conversationId = await storeTurn(existing, caller, checked.text, done.reply);
      const sources = grounding && !done.refused ? sourcesOf(grounding, done.reply, done.sources) : grounding && [];
      yield {
        type: "done",
        reply: done.reply,
        conversationId,
        source: provider.source,
        refused: done.refused,
        ...(sources ? { sources } : {}),
      };
    } catch (error) {
      // A failed reply spends no quota (upstream down, timed out, invalid; the database down).
      const failure = toDomainError(error);
      refund = refundsQuota(failure);
      throw failure;
    } finally {
      release({ refund });
      await record(caller, spent);
    }
  }

  return {
    stream,

    async send(input, caller, signal) {
      for await (const event of stream(input, caller, signal)) {
        if (event.type === "done") {
          const { reply, conversationId, source, refused, sources } = event;
          return { reply, conversationId, source, refused, ...(sources ? { sources } : {}) };
        }
      }
      throw new UpstreamError();
    },

    purgeExpired: () => uow.repos.conversations.deleteExpired(clock()),
  };
}
