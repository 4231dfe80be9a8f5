import type { PlanEntryRecord } from "@sous/db";
import type { PlanEntry, PlanSetInput, PlanToShoppingInput, PlanWeek, PlanWeekInput, Recipe, ShoppingList } from "@sous/schemas";
import { NotFoundError } from "../errors.js";
import type { UnitOfWork } from "../repositories.js";
import { recipeLines, type ShoppingService } from "../shopping/shopping.service.js";
import type { Line } from "../shopping/merge.js";
import { addDays } from "./dates.js";

export interface PlanService {
  /** Seven days from `start`, each with its meals (breakfast, lunch, dinner, then the order they were planned). */
  week(userId: string, input: PlanWeekInput): Promise<PlanWeek>;
  /** Plans a saved recipe for a day and meal; planning it there again changes its servings. */
  set(userId: string, input: PlanSetInput): Promise<PlanEntry>;
  remove(userId: string, id: string): Promise<{ id: string }>;
  /** Every planned recipe of `from`..`to` (inclusive), scaled to its planned servings, into the shopping list. */
  toShopping(userId: string, input: PlanToShoppingInput): Promise<ShoppingList>;
}

const WEEK_DAYS = 7;

export function createPlanService({ uow, shopping }: { uow: UnitOfWork; shopping: ShoppingService }): PlanService {
  return {
    async week(userId, { start }) {
      const end = addDays(start, WEEK_DAYS - 1);
      const entries = await uow.repos.plan.range(userId, start, end);
      const days = Array.from({ length: WEEK_DAYS }, (_, i) => addDays(start, i));
      return {
        days: days.map((date) => ({
          date,
          meals: entries.filter((e) => e.date === date).map(({ date: _date, ...meal }) => meal),
        })),
      };
    },

    async set(userId, { date, meal, savedId, servings }) {
      const entry = await uow.repos.plan.upsert({ userId, savedId, date, meal, servings: servings ?? null });
      if (!entry) throw new NotFoundError("Saved recipe");
      return entry;
    },

    async remove(userId, id) {
      if (!(await uow.repos.plan.delete(userId, id))) throw new NotFoundError("Plan entry");
      return { id };
    },

    async toShopping(userId, { from, to }) {
      await uow.transaction(async (repos) => {
        const entries: PlanEntryRecord[] = await repos.plan.range(userId, from, to);
        const lines: Line[] = [];
        for (const entry of entries) {
          const saved = await repos.saved.find(userId, entry.savedId);
          // Planned recipes cascade with their saved recipe; one deleted meanwhile simply adds nothing.
          if (saved) lines.push(...recipeLines(saved.id, saved.title, saved.recipe as Recipe, entry.servings));
        }
        await shopping.addLines(repos, userId, lines);
      });
      return shopping.list(userId);
    },
  };
}
