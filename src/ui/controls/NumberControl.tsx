import { useState } from 'react';
import type { ReactNode } from 'react';
import type { NumberDef } from '../../params/schema';
import { format } from 'd3-format';
import { formatValue } from '../../plots/ticks';
import { Field } from './Field';
import { SLIDER_STEPS, inputStep, positionToValue, valueToPosition } from './sliderScale';

interface Props {
  id: string;
  testId: string;
  def: NumberDef;
  value: number;
  onChange: (value: number) => void;
  note?: ReactNode;
}

const INT_FORMAT = format(',');
const MAX_LINEAR_SLIDER_SPAN = 1e5;

/** number parsing that accepts a typographic minus and rejects partial input like "1e" */
function parse(text: string): number | null {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** A slider (log-scaled where the schema says so) paired with an exact number box. */
export function NumberControl({ id, testId, def, value, onChange, note }: Props) {
  // the text being typed; null shows the store's value
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  const text = draft ?? String(value);
  const [min, max] = def.range;
  const parsed = parse(text);
  const invalid =
    parsed === null ||
    parsed < min ||
    parsed > max ||
    (def.kind === 'int' && !Number.isInteger(parsed));
  const commit = (): void => {
    setDraft(null);
    if (parsed !== null && parsed !== value) onChange(parsed);
  };
  const show = (v: number): string => (def.kind === 'int' ? INT_FORMAT(v) : formatValue(v));
  const rangeText = `${show(min)} – ${show(max)}${def.log ? ', log scale' : ''}`;
  // a slider over two billion seeds helps nobody: number box only
  const slider = def.log || max - min <= MAX_LINEAR_SLIDER_SPAN;
  return (
    <Field
      id={id}
      def={def}
      note={
        <>
          {invalid && editing ? (
            <span className="field-error" role="status">
              Enter {def.kind === 'int' ? 'a whole number' : 'a number'} from {show(min)} to{' '}
              {show(max)}.
            </span>
          ) : null}
          {note}
        </>
      }
    >
      <div className={slider ? 'number-control' : 'number-control number-only'}>
        {slider && (
          <input
            type="range"
            className="slider"
            aria-label={`${def.label} slider`}
            min={0}
            max={SLIDER_STEPS}
            step={1}
            value={valueToPosition(def, value)}
            onChange={(e) => onChange(positionToValue(def, Number(e.target.value)))}
          />
        )}
        <input
          id={id}
          data-testid={testId}
          type="number"
          className={invalid && editing ? 'number invalid' : 'number'}
          inputMode="decimal"
          min={min}
          max={max}
          step={inputStep(def)}
          value={text}
          aria-invalid={invalid && editing}
          onFocus={() => setDraft(String(value))}
          onChange={(e) => {
            setDraft(e.target.value);
            const v = parse(e.target.value);
            const whole = def.kind !== 'int' || (v !== null && Number.isInteger(v));
            if (v !== null && v >= min && v <= max && whole && v !== value) onChange(v);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </div>
      <div className="range-hint" aria-hidden="true">
        {rangeText}
      </div>
    </Field>
  );
}
