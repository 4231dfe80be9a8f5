/** A labelled whole-number input; the bounds mirror the schema's so the browser flags bad values early. */
export function NumberField(props: {
  id: string;
  label: string;
  min: number;
  max: number;
  step?: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}
