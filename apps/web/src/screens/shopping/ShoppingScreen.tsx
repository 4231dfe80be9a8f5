import { LIMITS } from "@sous/schemas";
import { useId, useState, type FormEvent } from "react";
import { trpc, type RouterOutputs } from "../../api/trpc.js";
import { ErrorNotice } from "../../components/ErrorNotice.js";
import { formatQuantity } from "../../components/format.js";
import { SignedInOnly } from "../../components/SignedInOnly.js";
import { EmptyState, Loading } from "../../components/Status.js";
import { useShowList } from "./useShowList.js";

type Item = RouterOutputs["shopping"]["list"]["items"][number];

/** The shopping list: lines merged across recipes and units, checked off in the shop. */
export function ShoppingScreen() {
  return (
    <SignedInOnly title="Shopping list" why="Your shopping list belongs to your account.">
      <ShoppingList />
    </SignedInOnly>
  );
}

function useListMutations() {
  const onSuccess = useShowList();
  return {
    add: trpc.shopping.addItems.useMutation({ onSuccess }),
    check: trpc.shopping.check.useMutation({ onSuccess }),
    remove: trpc.shopping.remove.useMutation({ onSuccess }),
    clear: trpc.shopping.clear.useMutation({ onSuccess }),
  };
}

function ShoppingList() {
  const list = trpc.shopping.list.useQuery();
  const { add, check, remove, clear } = useListMutations();
  const failure = add.error ?? check.error ?? remove.error ?? clear.error;

  if (list.isPending) return <Loading>Loading your list…</Loading>;
  if (list.error) return <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  const checked = items.filter((item) => item.checked).length;

  return (
    <div className="screen">
      <div className="screen-head">
        <h1 className="screen-title">Shopping list</h1>
        {checked > 0 && (
          <button type="button" className="button" disabled={clear.isPending} onClick={() => clear.mutate({ checkedOnly: true })}>
            Clear checked ({checked})
          </button>
        )}
        {items.length > 0 && (
          <button type="button" className="button button-danger" disabled={clear.isPending} onClick={() => clear.mutate({})}>
            Clear all
          </button>
        )}
      </div>
      <AddItem busy={add.isPending} onAdd={(item) => add.mutate({ items: [item] })} />
      {failure && <ErrorNotice error={failure} />}
      <div className="card">
        {items.length === 0 ? (
          <EmptyState title="Nothing to buy yet">
            <p>Add items here, or add a saved recipe or a week of your meal plan.</p>
          </EmptyState>
        ) : (
          <ul className="shopping-items" aria-label="Items">
            {items.map((item) => (
              <ShoppingLine
                key={item.id}
                item={item}
                onCheck={(value, done) => check.mutate({ id: item.id, checked: value }, { onSettled: done })}
                onRemove={() => remove.mutate({ id: item.id })}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface LineProps {
  item: Item;
  /** `done` runs once the server has answered, either way. */
  onCheck(value: boolean, done: () => void): void;
  onRemove(): void;
}

function ShoppingLine({ item, onCheck, onRemove }: LineProps) {
  const id = useId();
  // A tick shows at once (in a shop, on a phone, the answer may be slow); once the server has answered, the
  // list it sent back is the truth again (and a failed tick shows as unticked, with the error above).
  const [ticked, setTicked] = useState<boolean | null>(null);
  const checked = ticked ?? item.checked;
  const amount = [item.quantity === undefined ? "" : formatQuantity(item.quantity), item.unit ?? ""].join(" ").trim();
  const from = item.sources.map((source) => source.title).join(", ");
  return (
    <li className={checked ? "shopping-item checked" : "shopping-item"} data-testid="shopping-item">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          const value = event.target.checked;
          setTicked(value);
          onCheck(value, () => setTicked(null));
        }}
      />
      <label htmlFor={id}>
        {amount && <span className="amount">{amount} </span>}
        <span className="name">{item.name}</span>
        {from && <span className="muted small"> · {from}</span>}
      </label>
      <button type="button" className="button button-link" onClick={onRemove} aria-label={`Remove ${item.name}`}>
        Remove
      </button>
    </li>
  );
}

function AddItem({ busy, onAdd }: { busy: boolean; onAdd(item: { name: string; quantity?: number; unit?: string }): void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [quantity, setQuantity] = useState("");
  const [unit, setUnit] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const amount = Number(quantity);
    onAdd({
      name: name.trim(),
      ...(quantity.trim() && amount > 0 ? { quantity: amount } : {}),
      ...(unit.trim() ? { unit: unit.trim() } : {}),
    });
    setName("");
    setQuantity("");
    setUnit("");
  };
  return (
    <form className="card form form-inline" onSubmit={submit} aria-label="Add an item">
      <div className="field">
        <label htmlFor={`${id}-name`}>Item</label>
        <input id={`${id}-name`} value={name} maxLength={LIMITS.ingredientName} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-qty`}>Quantity</label>
        <input id={`${id}-qty`} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>Unit</label>
        <input id={`${id}-unit`} value={unit} maxLength={20} onChange={(e) => setUnit(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
        Add
      </button>
    </form>
  );
}
