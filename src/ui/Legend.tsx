interface Item {
  key: string;
  label: string;
  swatch: 'points' | 'target' | 'prior' | 'band' | 'inf' | 'samples' | 'nets' | 'ensemble';
}

function Swatch({ kind }: { kind: Item['swatch'] }) {
  return (
    <svg className="swatch" viewBox="0 0 36 18" width="36" height="18" aria-hidden="true">
      {kind === 'points' && <circle className="train-point" cx="18" cy="9" r="5" />}
      {kind === 'target' && <line className="target" x1="2" x2="34" y1="9" y2="9" />}
      {kind === 'prior' && <rect className="prior-band" x="1" y="2" width="34" height="14" />}
      {kind === 'samples' && (
        <path className="prior-sample" d="M2,12 C10,2 20,16 34,6" fill="none" />
      )}
      {kind === 'band' && (
        <>
          <rect className="theory-band" x="1" y="2" width="34" height="14" />
          <line className="theory-mean" x1="1" x2="35" y1="9" y2="9" />
        </>
      )}
      {kind === 'nets' && (
        <g className="ensemble-nets">
          <path d="M2,13 C10,4 20,14 34,5" />
          <path d="M2,9 C12,14 22,3 34,10" />
        </g>
      )}
      {kind === 'ensemble' && (
        <>
          <rect className="ensemble-band" x="1" y="3" width="34" height="12" />
          <line className="ensemble-mean" x1="1" x2="35" y1="9" y2="9" />
        </>
      )}
      {kind === 'inf' && <line className="mean-inf" x1="2" x2="34" y1="9" y2="9" />}
    </svg>
  );
}

/** Which mark is which; the swatches use the plot's own CSS classes. */
export function Legend({ items }: { items: Item[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.key}>
          <Swatch kind={item.swatch} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}

export type { Item as LegendItem };
