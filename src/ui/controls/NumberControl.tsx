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
  /** the slider ends in a final ∞ stop and the box accepts `inf` / `∞` (def.infinite) */
  allowInfinite?: boolean;
}

/** slider positions past the finite range that mean ∞ (a visible gap before the last stop) */
const INFINITE_GAP = 60;

const INT_FORMAT = format(',');
const MAX_LINEAR_SLIDER_SPAN = 1e5;

/** number parsing that accepts a typographic minus and rejects partial input like "1e" */
function parse(text: string, allowInfinite = false): number | null {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return null;
  if (allowInfinite && (t === '∞' || t.toLowerCase() === 'inf')) return Infinity;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** A slider (log-scaled where the schema says so) paired with an exact number box. */
export function NumberControl({
  id,
  testId,
  def,
  value,
  onChange,
  note,
  allowInfinite = false,
}: Props) {
  // the text being typed; null shows the store's value
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  const valueText = value === Infinity ? '∞' : String(value);
  const text = draft ?? valueText;
  const [min, max] = def.range;
  const parsed = parse(text, allowInfinite);
  const ok = (v: number | null): v is number =>
    v !== null &&
    ((allowInfinite && v === Infinity) ||
      (v >= min && v <= max && (def.kind !== 'int' || Number.isInteger(v))));
  const invalid = !ok(parsed);
  const sliderMax = allowInfinite ? SLIDER_STEPS + INFINITE_GAP : SLIDER_STEPS;
  const toPosition = (v: number): number => (v === Infinity ? sliderMax : valueToPosition(def, v));
  const fromPosition = (pos: number): number =>
    allowInfinite && pos > SLIDER_STEPS + INFINITE_GAP / 2
      ? Infinity
      : positionToValue(def, Math.min(pos, SLIDER_STEPS));
  const commit = (): void => {
    setDraft(null);
    if (parsed !== null && parsed !== value && (parsed !== Infinity || allowInfinite))
      onChange(parsed);
  };
  const show = (v: number): string => (def.kind === 'int' ? INT_FORMAT(v) : formatValue(v));
  const rangeText = `${show(min)} – ${show(max)}${allowInfinite ? ', then ∞' : ''}${def.log ? ', log scale' : ''}`;
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
              {show(max)}
              {allowInfinite ? ', or ∞' : ''}.
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
            max={sliderMax}
            step={1}
            value={toPosition(value)}
            aria-valuetext={value === Infinity ? 'infinite' : undefined}
            onChange={(e) => onChange(fromPosition(Number(e.target.value)))}
          />
        )}
        <input
          id={id}
          data-testid={testId}
          type={allowInfinite ? 'text' : 'number'}
          className={invalid && editing ? 'number invalid' : 'number'}
          inputMode="decimal"
          min={min}
          max={max}
          step={inputStep(def)}
          value={text}
          aria-invalid={invalid && editing}
          onFocus={() => setDraft(valueText)}
          onChange={(e) => {
            setDraft(e.target.value);
            const v = parse(e.target.value, allowInfinite);
            if (ok(v) && v !== value) onChange(v);
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
