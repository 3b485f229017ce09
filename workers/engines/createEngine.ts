// Engine selection for the ensemble trainer: 'tfjs' (default) or 'simd'.

import type { EngineInit, EngineKind, EnsembleEngine } from './engine';
import { SimdEngine } from './simdEngine';
import { TfjsEngine } from './tfjsEngine';

export function createEngine(kind: EngineKind, init: EngineInit): EnsembleEngine {
  return kind === 'simd' ? new SimdEngine(init) : new TfjsEngine(init);
}
