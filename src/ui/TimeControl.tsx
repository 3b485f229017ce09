import { useMemo } from 'react';
import type { CSSProperties } from 'react';
import { SLIDER_RES, sliderToStep, stepToSlider, timeSliderTicks } from '../plots/timeAxis';
import { formatValue } from '../plots/ticks';
import { useApp } from '../store';

interface Props {
  /** K, the last step of the computed run (null before the first result) */
  kMax: number | null;
  /** η of the computed run */
  lr: number;
  /** the step the band on screen belongs to */
  shownStep: number | null;
}

/** The time cursor: a log slider over t = η·k that snaps to whole steps, with play/pause. */
export function TimeControl({ kMax, lr, shownStep }: Props) {
  const cursor = useApp((s) => s.params.cursor);
  const playing = useApp((s) => s.view.playing);
  const setParam = useApp((s) => s.setParam);
  const togglePlaying = useApp((s) => s.togglePlaying);
  const setPlaying = useApp((s) => s.setPlaying);
  const K = kMax ?? 0;
  const k = Math.min(cursor, K);
  const t = lr * k;
  const ticks = useMemo(() => timeSliderTicks(lr, K), [lr, K]);
  return (
    <div className="time-control">
      <button
        type="button"
        data-testid="play"
        className="btn btn-play"
        onClick={togglePlaying}
        disabled={K < 1}
        aria-pressed={playing}
        aria-label={playing ? 'Pause' : 'Play: sweep t from 0 to the end'}
      >
        <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? 'Pause' : 'Play'}
      </button>
      <div className="time-slider">
        <label htmlFor="param-cursor" className="time-label">
          t = η·k
        </label>
        <input
          id="param-cursor"
          data-testid="param-cursor"
          data-time-keys=""
          type="range"
          className="slider slider-time"
          min={0}
          max={SLIDER_RES}
          step={1}
          value={stepToSlider(k, K)}
          disabled={K < 1}
          aria-valuetext={`t = ${formatValue(t)}, k = ${k} steps`}
          onChange={(e) => {
            setPlaying(false);
            setParam('cursor', sliderToStep(Number(e.target.value), K));
          }}
        />
        <div className="time-ticks" aria-hidden="true">
          <span className="time-tick time-tick-zero" style={{ '--at': 0 } as CSSProperties}>
            0
          </span>
          {ticks.map((tick) => (
            <span
              key={tick.label}
              className="time-tick"
              style={{ '--at': tick.fraction } as CSSProperties}
            >
              {tick.label}
            </span>
          ))}
        </div>
      </div>
      <output className="time-readout" htmlFor="param-cursor" aria-live="off">
        <span className="time-value">t = {formatValue(t)}</span>
        <span className="time-detail">
          = {formatValue(lr)} × {k} step{k === 1 ? '' : 's'} of {K}
          {shownStep !== null && shownStep !== k ? ` (showing k = ${shownStep}…)` : ''}
        </span>
      </output>
    </div>
  );
}
