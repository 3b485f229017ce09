// The custom-points editor's text form: "x:y, x:y, …" (commas, semicolons or new lines between
// points; a typographic minus is accepted). Parsing never throws: it reports the first problem.

import type { Point } from '../../params/schema';

export interface ParsedPoints {
  points: Point[];
  /** one sentence naming the first bad entry, or null */
  error: string | null;
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const PAIR = new RegExp(String.raw`^(${NUMBER})\s*:\s*(${NUMBER})$`, 'i');

export function formatPoints(points: readonly Point[]): string {
  return points.map(([x, y]) => `${x}:${y}`).join(', ');
}

export function parsePoints(text: string, maxCount: number, bound: number): ParsedPoints {
  const tokens = text
    .replace(/\u2212/g, '-')
    .split(/[,;\n]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const points: Point[] = [];
  for (const [i, token] of tokens.entries()) {
    const m = PAIR.exec(token);
    if (!m) {
      return { points, error: `Point ${i + 1} “${token}” is not written as x:y (e.g. 0.5:-1).` };
    }
    const x = Number(m[1]);
    const y = Number(m[2]);
    if (Math.abs(x) > bound || Math.abs(y) > bound) {
      return { points, error: `Point ${i + 1} “${token}” is beyond ±${bound}.` };
    }
    points.push([x, y]);
  }
  if (points.length > maxCount) {
    return { points, error: `${points.length} points are more than the maximum ${maxCount}.` };
  }
  return { points, error: null };
}
