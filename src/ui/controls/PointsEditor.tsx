import { useState } from 'react';
import type { Point, PointsDef } from '../../params/schema';
import { Field } from './Field';
import { formatPoints, parsePoints } from './pointsText';

interface Props {
  id: string;
  testId: string;
  def: PointsDef;
  value: readonly Point[];
  onChange: (points: Point[]) => void;
}

/** Custom training points as text "x:y, x:y"; applied as soon as the text is valid. */
export function PointsEditor({ id, testId, def, value, onChange }: Props) {
  // the text being typed; null shows the store's points
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? formatPoints(value);
  const { error, points } = parsePoints(text, def.maxCount, def.bound);
  return (
    <Field
      id={id}
      def={def}
      note={
        error ? (
          <span className="field-error" role="status">
            {error}
          </span>
        ) : (
          <span className="muted">
            {points.length} point{points.length === 1 ? '' : 's'}; write x:y, separated by commas.
          </span>
        )
      }
    >
      <textarea
        id={id}
        data-testid={testId}
        className={error ? 'points invalid' : 'points'}
        rows={3}
        spellCheck={false}
        placeholder="-2:0.5, -1:-1, 0:0, 1:1, 2:-0.5"
        value={text}
        aria-invalid={error !== null}
        onFocus={() => setDraft(formatPoints(value))}
        onBlur={() => setDraft(null)}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parsePoints(e.target.value, def.maxCount, def.bound);
          if (parsed.error === null) onChange(parsed.points);
        }}
      />
    </Field>
  );
}
