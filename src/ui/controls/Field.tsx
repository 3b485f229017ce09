import type { ReactNode } from 'react';
import type { ParamDef } from '../../params/schema';

interface Props {
  id: string;
  def: ParamDef;
  children: ReactNode;
  /** extra line under the help (a formula, η_crit, a validation message) */
  note?: ReactNode;
  /** label after the input (checkboxes) instead of above it */
  inline?: boolean;
}

/** One control: label (with unit), the input(s), and the schema's help sentence. */
export function Field({ id, def, children, note, inline = false }: Props) {
  const label = (
    <label htmlFor={id} className="field-label" title={def.help}>
      {def.label}
      {def.unit ? <span className="unit"> ({def.unit})</span> : null}
    </label>
  );
  return (
    <div className={inline ? 'field field-inline' : 'field'}>
      {inline ? (
        <div className="field-row">
          {children}
          {label}
        </div>
      ) : (
        <>
          {label}
          {children}
        </>
      )}
      {note ? <div className="field-note">{note}</div> : null}
      <p className="field-help">{def.help}</p>
    </div>
  );
}
