import { DIETS, type Diet } from "@sous/schemas";

/** The diets a recipe must respect, as a group of checkboxes. */
export function DietPicker({ value, onChange }: { value: Diet[]; onChange(value: Diet[]): void }) {
  return (
    <fieldset className="field diets">
      <legend>Diets</legend>
      <div className="checks">
        {DIETS.map((diet) => (
          <label key={diet} className="check">
            <input
              type="checkbox"
              name="diets"
              value={diet}
              checked={value.includes(diet)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, diet] : value.filter((d) => d !== diet))
              }
            />
            {diet}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
