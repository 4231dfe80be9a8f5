import { MEALS, type Meal } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { trpc } from "../../api/trpc.js";
import { useShowList } from "../shopping/useShowList.js";
import { routeHref } from "../../app/navigation.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { SignedInOnly } from "../../components/SignedInOnly.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { addDays, dayLabel, mondayOf } from "./week.js";

/** A week of meals from saved recipes, and the whole week onto the shopping list in one go. */
export function PlanScreen() {
  return (
    <SignedInOnly title="Meal plan" why="Your meal plan belongs to your account.">
      <Week />
    </SignedInOnly>
  );
}

function Week() {
  const [start, setStart] = useState(() => mondayOf(new Date()));
  const utils = trpc.useUtils();
  const showList = useShowList();
  const week = trpc.plan.week.useQuery({ start });
  const remove = trpc.plan.remove.useMutation({ onSuccess: () => utils.plan.week.invalidate() });
  const toShopping = trpc.plan.toShopping.useMutation({
    onSuccess: showList,
  });
  const end = addDays(start, 6);
  const planned = week.data?.days.some((day) => day.meals.length > 0) ?? false;

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 className="screen-title">Meal plan</h1>
        <div className="week-nav" role="group" aria-label="Week">
          <button type="button" className="button" onClick={() => setStart(addDays(start, -7))}>
            ← Previous week
          </button>
          <button type="button" className="button" onClick={() => setStart(mondayOf(new Date()))}>
            This week
          </button>
          <button type="button" className="button" onClick={() => setStart(addDays(start, 7))}>
            Next week →
          </button>
        </div>
      </div>
      <p className="muted">
        {dayLabel(start)} – {dayLabel(end)}
      </p>
      <AddToPlan days={Array.from({ length: 7 }, (_, i) => addDays(start, i))} />
      {week.isPending && <Loading>Loading the week…</Loading>}
      {week.error && <ErrorNotice error={week.error} onRetry={() => void week.refetch()} />}
      {remove.error && <ErrorNotice error={remove.error} />}
      {week.data && (
        <ol className="plan-days" aria-label="Days">
          {week.data.days.map((day) => (
            <li key={day.date} className="card plan-day" data-testid={`plan-day-${day.date}`}>
              <h2>{dayLabel(day.date)}</h2>
              {day.meals.length === 0 ? (
                <p className="muted small">Nothing planned</p>
              ) : (
                <ul>
                  {day.meals.map((entry) => (
                    <li key={entry.id}>
                      <span className="muted small">{entry.meal}</span>{" "}
                      <a href={routeHref({ screen: "saved", id: entry.savedId })}>{entry.title}</a>{" "}
                      <span className="muted small">· serves {entry.servings}</span>{" "}
                      <button
                        type="button"
                        className="button button-link"
                        aria-label={`Remove ${entry.title} from ${entry.meal} on ${dayLabel(day.date)}`}
                        onClick={() => remove.mutate({ id: entry.id })}
                      >
                        Remove
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <div className="save-bar">
        <button
          type="button"
          className="button button-primary"
          disabled={!planned || toShopping.isPending}
          onClick={() => toShopping.mutate({ from: start, to: end })}
        >
          {toShopping.isPending ? "Adding…" : "Add this week to the shopping list"}
        </button>
        {toShopping.data && (
          <p role="status">
            Added. <a href="#/shopping">Open the shopping list</a> ({toShopping.data.items.length} items).
          </p>
        )}
        {toShopping.error && <ErrorNotice error={toShopping.error} />}
      </div>
    </div>
  );
}

function AddToPlan({ days }: { days: string[] }) {
  const id = useId();
  const utils = trpc.useUtils();
  const saved = trpc.saved.list.useQuery({ limit: 100, sort: "title" });
  const [savedId, setSavedId] = useState("");
  const [date, setDate] = useState(days[0] ?? "");
  const [meal, setMeal] = useState<Meal>("dinner");
  const set = trpc.plan.set.useMutation({ onSuccess: () => utils.plan.week.invalidate() });
  const day = days.includes(date) ? date : (days[0] ?? "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (savedId) set.mutate({ date: day, meal, savedId });
  };
  if (saved.data && saved.data.items.length === 0) {
    return (
      <EmptyState title="No saved recipes to plan yet">
        <p>
          Generate or import a recipe and save it, then plan it here. <a href="#/generate">Generate one</a>
        </p>
      </EmptyState>
    );
  }
  return (
    <form className="card form form-inline" onSubmit={submit} aria-label="Plan a meal">
      <div className="field">
        <label htmlFor={`${id}-recipe`}>Recipe</label>
        <select id={`${id}-recipe`} value={savedId} onChange={(e) => setSavedId(e.target.value)}>
          <option value="">Choose a saved recipe…</option>
          {saved.data?.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-day`}>Day</label>
        <select id={`${id}-day`} value={day} onChange={(e) => setDate(e.target.value)}>
          {days.map((d) => (
            <option key={d} value={d}>
              {dayLabel(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-meal`}>Meal</label>
        <select id={`${id}-meal`} value={meal} onChange={(e) => setMeal(e.target.value as Meal)}>
          {MEALS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-primary" disabled={!savedId || set.isPending}>
        Plan it
      </button>
      {set.error && <ErrorNotice error={set.error} />}
    </form>
  );
}
