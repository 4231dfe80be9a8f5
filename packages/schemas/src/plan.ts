import { z } from "zod";

/** A calendar day, "YYYY-MM-DD", that exists (no 2026-02-30). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

export const MEALS = ["breakfast", "lunch", "dinner"] as const;
export const Meal = z.enum(MEALS);
export type Meal = z.infer<typeof Meal>;

/** Longest range `plan.toShopping` takes, in days (both ends counted). */
export const PLAN_RANGE_MAX_DAYS = 31;

export const PlanWeekInput = z.object({ start: IsoDate }).strict();
export type PlanWeekInput = z.infer<typeof PlanWeekInput>;

export const PlanSetInput = z
  .object({ date: IsoDate, meal: Meal, savedId: z.uuid(), servings: z.number().int().min(1).max(48).optional() })
  .strict();
export type PlanSetInput = z.infer<typeof PlanSetInput>;

export const PlanEntry = z.object({
  id: z.uuid(),
  date: IsoDate,
  meal: Meal,
  savedId: z.uuid(),
  title: z.string(),
  servings: z.number().int(),
});
export type PlanEntry = z.infer<typeof PlanEntry>;

export const PlanWeek = z.object({
  days: z.array(z.object({ date: IsoDate, meals: z.array(PlanEntry.omit({ date: true })) })),
});
export type PlanWeek = z.infer<typeof PlanWeek>;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export const PlanToShoppingInput = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((r) => dayNumber(r.to) >= dayNumber(r.from), { message: "`to` is before `from`", path: ["to"] })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) < PLAN_RANGE_MAX_DAYS, {
    message: `At most ${PLAN_RANGE_MAX_DAYS} days`,
    path: ["to"],
  });
export type PlanToShoppingInput = z.infer<typeof PlanToShoppingInput>;
