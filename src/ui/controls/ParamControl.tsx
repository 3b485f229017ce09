import type { ReactNode } from 'react';
import { SCHEMA, infinityAllowed } from '../../params/schema';
import type { ParamDef, ParamKey, ParamValue } from '../../params/schema';
import { useApp } from '../../store';
import { Field } from './Field';
import { NumberControl } from './NumberControl';
import { PointsEditor } from './PointsEditor';

interface Props {
  k: ParamKey;
  note?: ReactNode;
}

/** The control the schema asks for: slider + number, select, checkbox or points editor. */
export function ParamControl({ k, note }: Props) {
  const value = useApp((s) => s.params[k]) as ParamValue<ParamKey>;
  const setParam = useApp((s) => s.setParam);
  const infinityOk = useApp((s) => infinityAllowed(k, s.params));
  const def: ParamDef = SCHEMA[k];
  const id = `param-${k}`;
  const set = (v: ParamValue<ParamKey>): void => setParam(k, v);
  switch (def.kind) {
    case 'int':
    case 'float':
      return (
        <NumberControl
          id={id}
          testId={id}
          def={def}
          value={typeof value === 'number' ? value : def.default}
          onChange={set}
          note={note}
          allowInfinite={infinityOk}
        />
      );
    case 'enum':
      return (
        <Field id={id} def={def} note={note}>
          <select
            id={id}
            data-testid={id}
            className="select"
            value={String(value)}
            onChange={(e) => set(e.target.value as ParamValue<ParamKey>)}
          >
            {def.values.map((v) => (
              <option key={v} value={v}>
                {def.labels[v] ?? v}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'bool':
      return (
        <Field id={id} def={def} note={note} inline>
          <input
            id={id}
            data-testid={id}
            type="checkbox"
            className="checkbox"
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
        </Field>
      );
    case 'points':
      return (
        <PointsEditor
          id={id}
          testId={id}
          def={def}
          value={Array.isArray(value) ? value : def.default}
          onChange={set}
        />
      );
  }
}
