/**
 * Per-check timings of the checks phase, warm, on documents of about 36 KB and
 * 1 MB (Markdown and plain text, plus acronym-heavy and parenthesis-heavy plain
 * text), built from our samples. Run bundled, as the server runs:
 *
 *   npx esbuild bench/profileChecks.ts --bundle --platform=node --format=cjs \
 *     --main-fields=module,main --outfile=/tmp/pc.js && node /tmp/pc.js \
 *     [--rounds N] [--only ID] [--stat min] [--dump DIR] [--files a.md,b.txt]
 *     [--termbase FILE] (default: the bundled termbase)
 *
 * Each document is parsed and scanned once. Every round gives each check a fresh
 * context (so the shared analyses it reads are recomputed) on a shallow copy of
 * the document with fresh run objects (so nothing cached per run object or per
 * document carries over), then the whole phase once on one context, as
 * `analyzeDocument` runs it. Prints medians in milliseconds. `--dump DIR` writes
 * every document's findings as JSON (and the generated documents), to diff the
 * behaviour before and after a change.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createCheckContext } from '../server/src/engine/check';
import { parseDocument } from '../server/src/engine/document/index';
import type { BriefDocument } from '../server/src/engine/document/model';
import { compileTermbase, scanTerms, type CompiledTermbase, type TermScan } from '../server/src/engine/match/matcher';
import { ALL_CHECKS } from '../server/src/engine/rules';
import { loadTermbaseText } from '../server/src/engine/termbase/load';
import { mergeTermbases } from '../server/src/engine/termbase/merge';
import type { DocumentKind } from '../server/src/engine/types';

const REPO = process.cwd();
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toSuperscript = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!);
const fromSuperscript = (s: string) => Number([...s].map((c) => SUPERSCRIPT.indexOf(c)).join(''));

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// ---------------------------------------------------------------------------
// Documents

const ACRONYM_SENTENCES = [
  'The Ministry of Science and Technology (MOST) funds the National Key Laboratories (NKLs), and MOST reviews them every year.',
  'Analysts at the Center for Strategic Studies (CSS) compare the NSWN with the Strategic Emerging Industries (SEI) programme.',
  'A state-owned enterprise (SOE) may borrow from the China Development Bank (CDB); SOEs and the CDB set joint targets.',
  'The WTO and the IMF have little to say about MIIT guidance, which the NDRC and the CAS read differently.',
  'The NDRC (National Development and Reform Commission) drafts the plans that the State Council approves.',
  'Small and medium-sized enterprises (SMEs) rely on local guidance funds (LGFs) more than on the CDB or the AIIB.',
  'THE NEW PLAN FOR THE NSWN AND THE SOEs IS NOT YET PUBLIC, and the PLA is silent on it.',
  'Research and development (R&D) spending by the U.S. and the EU is compared with R&D in the PRC by the OECD.',
];

const PAREN_SENTENCES = [
  'Planners (in 2023) stressed the modern industrial base (现代产业体系) over the modernized industrial base (现代化产业体系).',
  'The plan (see above, section 3; and below) lists new quality productive forces (新质生产力) and self-reliance (自立自强).',
  'Officials cite the "dual cycle" (双循环) strategy (2020), the NSWN (新型举国体制, NSWN), and the two-layers problem (两张皮).',
  'Some provinces (Jiangsu, Zhejiang, Guangdong、Fujian；Shandong) report targets (in yuan) that others (notably inland ones) do not.',
  '现代产业体系（modern industrial base）and 现代化产业体系（modernized industrial base）are glossed in full-width parentheses.',
  'A long aside (which runs on for a while, naming no term at all, and citing nothing, just to make the parenthetical longer than usual) ends here.',
  'Unknown terms such as (科技自立) and (产学研深度融合) and (未来产业, future industries) appear in parentheses too.',
  'Figures (279.7%, 14th, 5G, C919) and years (2021–25) sit in parentheses (as do units: 3 km²).',
];

const FILLER = [
  'Provincial governments have expanded quantum research while central ministries publish targets for battery supply chains.',
  'Private firms rarely coordinate with university laboratories on industrial software, though state banks continue to fund them.',
  'Local officials compete to attract robotics clusters, and foreign observers quietly note the cost of the subsidies.',
];

interface SampleParts {
  paragraphs: string[];
  notes: Map<number, string>;
}

/** Body paragraphs and notes of a sample brief. */
function sampleParts(kind: DocumentKind): SampleParts {
  const isMd = kind === 'markdown';
  let text = readFileSync(path.join(REPO, 'samples', isMd ? 'nswn-brief.md' : 'nswn-brief.txt'), 'utf8').replace(/\r\n?/g, '\n');
  if (isMd) text = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  const blocks = text.split(/\n[ \t]*\n+/).map((b) => b.trim()).filter((b) => b.length > 0);
  const paragraphs: string[] = [];
  const notes = new Map<number, string>();
  let isInNotes = false;
  for (const block of blocks) {
    if (isMd) {
      if (block.startsWith('#')) {
        isInNotes ||= /^#+\s*notes\s*$/i.test(block);
        continue;
      }
      const definitions = [...block.matchAll(/^\[\^(\d+)\]:\s*(.*)$/gm)];
      if (definitions.length > 0) for (const d of definitions) notes.set(Number(d[1]), d[2]!);
      else if (!isInNotes) paragraphs.push(block);
    } else {
      if (/^(endnotes|notes)$/i.test(block)) {
        isInNotes = true;
        continue;
      }
      const lines = block.split('\n');
      if (isInNotes) {
        for (const line of lines) {
          const m = /^(\d+)\.\s+(.*)$/.exec(line);
          if (m) notes.set(Number(m[1]), m[2]!);
        }
      } else if (!(lines.length === 1 && block.length < 80 && !/[.)]$/.test(block))) {
        paragraphs.push(block);
      }
    }
  }
  return { paragraphs, notes };
}

type Flavour = 'brief' | 'acronyms' | 'parens';

/** A document of at least `size` code units: sections of sample paragraphs with their notes renumbered, flavour sentences, notes list last. */
function buildDocument(kind: DocumentKind, flavour: Flavour, size: number): string {
  const isMd = kind === 'markdown';
  const sample = sampleParts(kind);
  const maxNote = Math.max(...sample.notes.keys());
  const out: string[] = [];
  const notes: string[] = [];
  let length = 0;
  let section = 0;
  const push = (block: string) => {
    out.push(block);
    length += block.length + 2;
  };
  const extra = flavour === 'acronyms' ? ACRONYM_SENTENCES : flavour === 'parens' ? PAREN_SENTENCES : FILLER;
  while (length + notes.reduce((n, note) => n + note.length + 1, 0) < size) {
    const base = section * (maxNote + 1);
    push(isMd ? `## Section ${section + 1}` : `Section ${section + 1}`);
    for (const paragraph of sample.paragraphs) {
      push(
        isMd
          ? paragraph.replace(/\[\^(\d+)\]/g, (_, n: string) => `[^${base + Number(n)}]`)
          : paragraph.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => toSuperscript(base + fromSuperscript(s))).replace(/\)\.4$/m, `).${base + 4}`),
      );
    }
    for (let k = 0; k < 3; k++) push(extra.map((s, i) => extra[(i + k + section) % extra.length]!).join(' '));
    for (const [label, note] of sample.notes) notes.push(isMd ? `[^${base + label}]: ${note}` : `${base + label}. ${note}`);
    section++;
  }
  push(isMd ? '## Notes' : 'Endnotes');
  push(notes.join('\n'));
  return out.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------
// Measurement

/** `--stat min` reads the fastest round instead of the median: steadier on a loaded machine. */
const isMin = argument('--stat') === 'min';
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return isMin ? sorted[0]! : sorted[(sorted.length - 1) >> 1]!;
};

/** A shallow copy with fresh run objects: caches keyed by a run or a document start cold. */
function freshDocument(doc: BriefDocument): BriefDocument {
  return { ...doc, runs: doc.runs.map((run) => ({ ...run })) };
}

interface Subject {
  id: string;
  kind: DocumentKind;
  doc: BriefDocument;
  scan: TermScan;
}

function measure(subject: Subject, termbase: CompiledTermbase, rounds: number): { perCheck: Map<string, number>; phase: number; findings: unknown[] } {
  const options = { kind: subject.kind };
  const samples = new Map<string, number[]>(ALL_CHECKS.map((c) => [c.id, []]));
  const phase: number[] = [];
  let findings: unknown[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const check of ALL_CHECKS) {
      const ctx = createCheckContext(freshDocument(subject.doc), termbase, options, () => subject.scan);
      const start = performance.now();
      check.run(ctx);
      samples.get(check.id)!.push(performance.now() - start);
    }
    const ctx = createCheckContext(freshDocument(subject.doc), termbase, options, () => subject.scan);
    const start = performance.now();
    const all: unknown[] = [];
    for (const check of ALL_CHECKS) for (const report of check.run(ctx)) all.push({ rule: check.id, ...report });
    phase.push(performance.now() - start);
    findings = all;
  }
  return { perCheck: new Map([...samples].map(([id, values]) => [id, median(values)])), phase: median(phase), findings };
}

function main() {
  const rounds = Number(argument('--rounds') ?? 20);
  const only = argument('--only');
  const dump = argument('--dump');
  const file = argument('--termbase') ?? path.join(REPO, 'terminology/brief.json');
  const termbase = compileTermbase(mergeTermbases([loadTermbaseText(readFileSync(file, 'utf8'), file)]));

  const specs: { id: string; kind: DocumentKind; flavour: Flavour | string; size: number }[] = [];
  for (const [label, size] of [['36k', 36 * 1024], ['1m', 1024 * 1024]] as const) {
    specs.push({ id: `md-${label}`, kind: 'markdown', flavour: 'brief', size });
    specs.push({ id: `txt-${label}`, kind: 'plaintext', flavour: 'brief', size });
    specs.push({ id: `acr-${label}`, kind: 'plaintext', flavour: 'acronyms', size });
    specs.push({ id: `par-${label}`, kind: 'plaintext', flavour: 'parens', size });
  }
  // Extra documents from files (e.g. the inputs bench/generate.ts writes): `--files a.md,b.txt`.
  for (const file of argument('--files')?.split(',') ?? []) {
    const text = readFileSync(file, 'utf8');
    specs.push({ id: path.basename(file), kind: /\.(?:md|qmd|markdown)$/.test(file) ? 'markdown' : 'plaintext', flavour: file, size: text.length });
  }
  const results: { id: string; perCheck: Map<string, number>; phase: number }[] = [];
  for (const spec of specs) {
    if (only && !spec.id.includes(only)) continue;
    const text = spec.flavour === 'brief' || spec.flavour === 'acronyms' || spec.flavour === 'parens' ? buildDocument(spec.kind, spec.flavour, spec.size) : readFileSync(spec.flavour, 'utf8');
    const doc = parseDocument(text, spec.kind);
    const scan = scanTerms(doc, termbase);
    const subject: Subject = { id: spec.id, kind: spec.kind, doc, scan };
    const isLarge = spec.size > 100_000;
    const result = measure(subject, termbase, isLarge ? Math.max(3, Math.round(rounds / 4)) : rounds);
    results.push({ id: spec.id, ...result });
    process.stderr.write(`${spec.id}: ${(text.length / 1024).toFixed(0)} KiB, ${result.findings.length} findings, checks ${result.phase.toFixed(2)} ms\n`);
    if (dump) {
      mkdirSync(dump, { recursive: true });
      writeFileSync(path.join(dump, `${spec.id}.json`), JSON.stringify(result.findings, null, 1));
      if (spec.flavour !== spec.id && !spec.flavour.includes('/')) writeFileSync(path.join(dump, `${spec.id}.${spec.kind === 'markdown' ? 'md' : 'txt'}`), text);
    }
  }

  const ids = ALL_CHECKS.map((c) => c.id);
  const header = ['check', ...results.map((r) => r.id)];
  const rows = [
    ...ids.map((id) => [id, ...results.map((r) => r.perCheck.get(id)!.toFixed(2))]),
    ['(whole phase)', ...results.map((r) => r.phase.toFixed(2))],
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  for (const row of rows) console.log(format(row));
}

main();
