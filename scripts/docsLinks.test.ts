// Code comments, test names and the READMEs point at sections of the project's own documents as
// `docs/<file>.md#<anchor>`. This test keeps those pointers followable on a clone: every such
// reference must name a file in docs/ and, when it has an anchor, a heading of that file (GitHub's
// slug rules). Links between the documents are checked the same way. References to documents a
// clone does not have (the old science and architecture notes, numbered issues) fail the test.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** what is scanned for references: folders (recursively) and single files, relative to ROOT */
const SCANNED_DIRS = ['src', 'workers', 'cli', 'e2e', 'scripts', 'wasm/assembly', 'docs'];
const SCANNED_FILES = ['README.md', 'reference/README.md'];
const TEXT_FILE = /\.(ts|tsx|js|mjs|cjs|py|md|css|html)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build']);

/** GitHub's heading anchor: lowercase, punctuation except `-` and `_` dropped, spaces → `-` */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** the anchors of a Markdown document's headings (outside code fences), duplicates numbered */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!.replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(path, out);
    } else if (TEXT_FILE.test(name)) out.push(path);
  }
}

function scannedFiles(): string[] {
  const out: string[] = [];
  for (const dir of SCANNED_DIRS) walk(dir, out);
  return [...out, ...SCANNED_FILES];
}

const docAnchors = new Map<string, Set<string> | null>();
/** the anchors of docs/<name>, or null when there is no such file */
function anchorsOfDoc(name: string): Set<string> | null {
  if (!docAnchors.has(name)) {
    let anchors: Set<string> | null = null;
    try {
      anchors = anchorsOf(readFileSync(join(ROOT, 'docs', name), 'utf8'));
    } catch {
      anchors = null;
    }
    docAnchors.set(name, anchors);
  }
  return docAnchors.get(name) ?? null;
}

/** why `docs/<file>#<anchor>` (anchor may be empty) does not resolve, or null when it does */
function problemWith(file: string, anchor: string): string | null {
  const anchors = anchorsOfDoc(file);
  if (anchors === null) return `docs/${file} does not exist`;
  if (anchor && !anchors.has(anchor)) return `docs/${file} has no heading #${anchor}`;
  return null;
}

/** `docs/<file>.md` with an optional `#anchor` anywhere in a text */
const DOC_REF = /docs\/([\w.-]+\.md)(?:#([\p{L}\p{N}_-]+))?/gu;
/** a relative Markdown link target inside docs/: `](file.md#anchor)` or `](#anchor)` */
const DOC_LINK = /\]\((?!\w+:)([\w.-]*\.md)?(?:#([\p{L}\p{N}_-]+))?\)/gu;
/** documents and trackers a clone does not have (spelled in pieces so this file passes too) */
const MISSING_DOCS = new RegExp(
  `\\b(${['SCI', 'ENCE'].join('')}|${['ARCHI', 'TECTURE'].join('')})\\.md|\\b[Ii]ssue\\s+#?\\d|\\.\\./shared\\b`,
);

interface Problem {
  at: string;
  problem: string;
}

function scan(): { problems: Problem[]; references: number } {
  const problems: Problem[] = [];
  let references = 0;
  for (const path of scannedFiles()) {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const inDocs = path.startsWith(`docs${sep}`);
    text.split('\n').forEach((line, i) => {
      const at = `${path}:${i + 1}`;
      for (const missing of line.matchAll(new RegExp(MISSING_DOCS.source, 'g')))
        problems.push({ at, problem: `cites "${missing[0]}", which a clone lacks` });
      for (const m of line.matchAll(DOC_REF)) {
        references++;
        const problem = problemWith(m[1]!, m[2] ?? '');
        if (problem) problems.push({ at, problem });
      }
      if (!inDocs) return;
      for (const m of line.matchAll(DOC_LINK)) {
        references++;
        const file = m[1] ?? relative('docs', path);
        const problem = problemWith(file, m[2] ?? '');
        if (problem) problems.push({ at, problem });
      }
    });
  }
  return { problems, references };
}

describe('GitHub heading anchors', () => {
  it('follow the slug rules', () => {
    expect(slug('Layer recursion')).toBe('layer-recursion');
    expect(slug('Readout-only mode and the NNGP posterior')).toBe(
      'readout-only-mode-and-the-nngp-posterior',
    );
    expect(slug('Discrete, continuous and infinite time')).toBe(
      'discrete-continuous-and-infinite-time',
    );
    expect(slug("What's new (v2)?")).toBe('whats-new-v2');
    expect(slug('diag_reg semantics')).toBe('diag_reg-semantics');
  });

  it('number repeated headings and ignore code fences', () => {
    const md = ['# A', '## Notes', '```', '# not a heading', '```', '## Notes', '### `code` x'];
    expect([...anchorsOf(md.join('\n'))]).toEqual(['a', 'notes', 'notes-1', 'code-x']);
  });
});

describe('references to the project documents', () => {
  it('every docs/<file>.md#<anchor> names an existing file and heading; no missing documents', () => {
    const { problems, references } = scan();
    expect(problems).toEqual([]);
    // the sources do cite the documents: a scan that finds nothing is itself broken
    expect(references).toBeGreaterThan(50);
  });

  it('flags a missing file, a missing heading and a citation of a document a clone lacks', () => {
    expect(problemWith('science.md', 'dynamics')).toBeNull();
    expect(problemWith('science.md', 'no-such-heading')).toMatch(/no heading/);
    expect(problemWith('nothing-here.md', '')).toMatch(/does not exist/);
    expect(MISSING_DOCS.test(`see ${'SCIENCE'}.md §5`)).toBe(true);
    expect(MISSING_DOCS.test(`(${'issue'} 4 §2)`)).toBe(true);
    expect(MISSING_DOCS.test('see docs/science.md#dynamics')).toBe(false);
  });
});
