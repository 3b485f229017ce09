import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../params/schema';
import { createAppStore } from './appState';
import { withParam } from './paramsSlice';

describe('params slice', () => {
  it('validates a value through the schema', () => {
    const p = withParam({ ...DEFAULT_PARAMS }, 'depth', 99);
    expect(p.depth).toBe(8);
    expect(withParam(p, 'depth', 2.6).depth).toBe(3);
  });

  it('keeps the cursor within the run, and at its end when the run grows', () => {
    const atEnd = { ...DEFAULT_PARAMS, maxSteps: 100, cursor: 100 };
    expect(withParam(atEnd, 'maxSteps', 50).cursor).toBe(50);
    expect(withParam(atEnd, 'maxSteps', 500).cursor).toBe(500);
    const inside = { ...atEnd, cursor: 20 };
    expect(withParam(inside, 'maxSteps', 500).cursor).toBe(20);
  });

  it('dismissRepairs empties the notice', () => {
    const store = createAppStore();
    store
      .getState()
      .loadParams({ ...DEFAULT_PARAMS }, [
        { key: 'depth', label: 'Hidden layers', given: '99', used: '8', reason: 'above-max' },
      ]);
    expect(store.getState().repairs).toHaveLength(1);
    store.getState().dismissRepairs();
    expect(store.getState().repairs).toEqual([]);
  });
});
