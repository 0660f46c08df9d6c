/**
 * The in-process half of the benchmark, run in a fresh Node process by
 * bench/run.ts: loads the bundled engine (bench/results/tmp/engine.cjs) and
 * measures, per document and termbase, the time to compile the termbase,
 * `analyze` with its phases, the Markdown parse floor, reading the file, and
 * one-character edits through the IncrementalAnalyzer. Prints JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

export interface InProcessConfig {
  engine: string;
  documents: { id: string; file: string; kind: 'markdown' | 'plaintext'; bytes: number }[];
  termbases: { id: string; file: string }[];
  /** Documents (ids) on which edits are measured. */
  editDocuments: string[];
  out: string;
}

export interface PhaseTimes {
  analyze: number;
  parse: number;
  match: number;
  checks: number;
  /** true when `analyze` is the sum of the measured phases (one full run would take too long). */
  isAnalyzeSummed: boolean;
  runs: number;
  findings: number;
  deprecated: number;
}

export interface EditTimes {
  document: string;
  termbase: string;
  first: number;
  median: number;
  p90: number;
  edits: number;
  blocks: number;
  parsedBlocks: number;
  split: number;
  parse: number;
  scan: number;
  checks: number;
  isEqualToFull: boolean;
}

export interface InProcessResult {
  termbases: { id: string; concepts: number; forms: number; loadAndMerge: number; compile: number; compileRuns: number[] }[];
  documents: { id: string; read: number; floor: number; floorRuns: number }[];
  cells: Record<string, PhaseTimes>;
  edits: EditTimes[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[(sorted.length - 1) >> 1]!;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * Times `fn`. Only compiling a termbase starts from a collected heap (it happens once, and the
 * garbage of the previous run would be measured): a forced full collection also throws away
 * V8's type feedback, so every other measurement would be of cold code.
 */
function timed<T>(fn: () => T, isCleanHeap = false): { ms: number; value: T } {
  if (isCleanHeap) collectGarbage?.();
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** How many runs a measurement of about `estimateMs` gets. */
function runsFor(estimateMs: number): number {
  // Small inputs get many runs: a garbage collection landing in a few of them must not move the median.
  if (estimateMs < 200) return 15;
  if (estimateMs < 2000) return 9;
  if (estimateMs < 8000) return 3;
  return 1;
}

function main() {
  const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as InProcessConfig;
  const require = createRequire(import.meta.url);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const e = require(config.engine) as typeof import('./engineEntry');
  const result: InProcessResult = { termbases: [], documents: [], cells: {}, edits: [] };
  const log = (message: string) => process.stderr.write(`  ${message}\n`);

  // Termbases: load + merge once, compile several times.
  const compiled = new Map<string, ReturnType<typeof e.compileTermbase>>();
  for (const tb of config.termbases) {
    const text = readFileSync(tb.file, 'utf8');
    const loaded = timed(() => e.mergeTermbases([e.loadTermbaseText(text, tb.file)]));
    const compileRuns: number[] = [];
    let compiledTermbase: ReturnType<typeof e.compileTermbase> | undefined;
    for (let i = 0; i < 5; i++) {
      const run = timed(() => e.compileTermbase(loaded.value), true);
      compileRuns.push(run.ms);
      compiledTermbase = run.value;
    }
    compiled.set(tb.id, compiledTermbase!);
    result.termbases.push({
      id: tb.id,
      concepts: compiledTermbase!.concepts.length,
      forms: compiledTermbase!.formCount,
      loadAndMerge: loaded.ms,
      compile: median(compileRuns),
      compileRuns,
    });
    log(`termbase ${tb.id}: ${compiledTermbase!.concepts.length} concepts, load+merge ${loaded.ms.toFixed(0)} ms, compile ${median(compileRuns).toFixed(0)} ms`);
  }

  const floorProcessor = e.unified().use(e.remarkParse).use(e.remarkGfm);
  // Warm up the JIT on the smallest inputs, as a long-running server or a second CLI file would be.
  for (const warm of config.documents.filter((d) => d.bytes < 100_000)) {
    for (let i = 0; i < 10; i++) e.analyze(readFileSync(warm.file, 'utf8'), { kind: warm.kind }, compiled.get(config.termbases[0]!.id)!);
  }

  for (const doc of config.documents) {
    const readRuns: number[] = [];
    let text = '';
    for (let i = 0; i < 5; i++) {
      const run = timed(() => readFileSync(doc.file, 'utf8'));
      readRuns.push(run.ms);
      text = run.value;
    }
    const firstFloor = timed(() => floorProcessor.parse(text)).ms;
    const floorRuns = [firstFloor];
    for (let i = 1; i < runsFor(firstFloor); i++) floorRuns.push(timed(() => floorProcessor.parse(text)).ms);
    result.documents.push({ id: doc.id, read: median(readRuns), floor: median(floorRuns), floorRuns: floorRuns.length });
    log(`${doc.id}: read ${median(readRuns).toFixed(1)} ms, remark floor ${median(floorRuns).toFixed(0)} ms (${floorRuns.length} runs)`);

    // Phases: parse once per run; match and checks per termbase on that parse.
    const firstParse = timed(() => e.parseDocument(text, doc.kind));
    const parseRuns = [firstParse.ms];
    const runs = runsFor(firstParse.ms + firstFloor);
    for (let i = 1; i < runs; i++) parseRuns.push(timed(() => e.parseDocument(text, doc.kind)).ms);
    const parsed = firstParse.value;
    for (const tb of config.termbases) {
      const termbase = compiled.get(tb.id)!;
      const matchRuns: number[] = [];
      const checkRuns: number[] = [];
      let findings = 0;
      let deprecated = 0;
      // Matching is cheap: more runs, so that its median is not noise.
      const firstScan = timed(() => e.scanTerms({ ...parsed }, termbase));
      matchRuns.push(firstScan.ms);
      const matchRunCount = Math.max(runs, Math.min(25, Math.floor(1500 / Math.max(firstScan.ms, 1))));
      for (let i = 1; i < matchRunCount; i++) matchRuns.push(timed(() => e.scanTerms({ ...parsed }, termbase)).ms);
      for (let i = 0; i < runs; i++) {
        const scan = firstScan;
        const fresh = { ...parsed };
        e.provideTermScan(fresh, termbase, scan.value);
        const checks = timed(() => e.analyzeDocument(fresh, { kind: doc.kind }, termbase));
        checkRuns.push(checks.ms);
        findings = checks.value.findings.length;
        deprecated = checks.value.findings.filter((f) => f.rule === 'term/deprecated').length;
      }
      // The whole `analyze`, as the CLI calls it; for the largest inputs only once.
      const analyzeRuns: number[] = [];
      const isSummed = runs === 1 && tb.id !== config.termbases[0]!.id && firstParse.ms > 8000;
      if (!isSummed) for (let i = 0; i < runs; i++) analyzeRuns.push(timed(() => e.analyze(text, { kind: doc.kind }, termbase)).ms);
      const parse = median(parseRuns);
      const match = median(matchRuns);
      const checks = median(checkRuns);
      result.cells[`${doc.id}|${tb.id}`] = {
        analyze: isSummed ? parse + match + checks : median(analyzeRuns),
        parse,
        match,
        checks,
        isAnalyzeSummed: isSummed,
        runs,
        findings,
        deprecated,
      };
      log(`${doc.id} × ${tb.id}: analyze ${result.cells[`${doc.id}|${tb.id}`]!.analyze.toFixed(0)} ms (parse ${parse.toFixed(0)}, match ${match.toFixed(1)}, checks ${checks.toFixed(0)}; ${runs} runs)`);
    }
  }

  // Editing: one-character edits through the IncrementalAnalyzer. The first cell measured would
  // otherwise pay for warming up the incremental path (remark on small blocks, the placement code),
  // which a server that has been running a while has done: one untimed round of typing first.
  const warmUp = config.documents.find((d) => d.id === config.editDocuments[0]);
  if (warmUp) {
    const base = readFileSync(warmUp.file, 'utf8');
    const analyzer = new e.IncrementalAnalyzer();
    const termbase = compiled.get(config.termbases[0]!.id)!;
    analyzer.analyze(base, { kind: warmUp.kind }, termbase);
    for (let k = 1; k <= 20; k++) {
      const at = base.indexOf(' the ', Math.floor((base.length * k) / 21));
      if (at < 0) continue;
      analyzer.analyze(base.slice(0, at + 4) + 'x' + base.slice(at + 4), { kind: warmUp.kind }, termbase);
      analyzer.analyze(base, { kind: warmUp.kind }, termbase);
    }
  }
  for (const docId of config.editDocuments) {
    const doc = config.documents.find((d) => d.id === docId)!;
    const base = readFileSync(doc.file, 'utf8');
    const isLarge = doc.bytes > 100_000;
    // On the large documents the middle-sized termbase adds little: bundled and the largest.
    const editTermbases = isLarge ? [config.termbases[0]!, config.termbases.at(-1)!].filter((t, i, all) => all.indexOf(t) === i) : config.termbases;
    for (const tb of editTermbases) {
      const termbase = compiled.get(tb.id)!;
      const analyzer = new e.IncrementalAnalyzer();
      const first = timed(() => analyzer.analyze(base, { kind: doc.kind }, termbase)).ms;
      // Typing in the prose: after " the " at spread-out places, insert a letter, then take it out again.
      const places = isLarge ? 5 : 10;
      const positions: number[] = [];
      for (let k = 1; k <= places * 2; k++) {
        const at = base.indexOf(' the ', Math.floor((base.length * k) / (places * 2 + 1)));
        if (at > 0) positions.push(at + 4);
      }
      const times: number[] = [];
      const stats: { split: number; parse: number; scan: number; checks: number; blocks: number; parsedBlocks: number }[] = [];
      let text = base;
      // The first half warms the JIT up (a server that has been running a while); the second is measured.
      positions.forEach((at, index) => {
        for (const edited of [base.slice(0, at) + 'x' + base.slice(at), base]) {
          text = edited;
          const ms = timed(() => analyzer.analyze(text, { kind: doc.kind }, termbase)).ms;
          if (index % 2 === 0) continue;
          times.push(ms);
          stats.push({ ...analyzer.stats.timings, blocks: analyzer.stats.blocks, parsedBlocks: analyzer.stats.parsedBlocks });
        }
      });
      // The incremental result after an edit equals the full analysis.
      const edited = base.slice(0, positions[0]!) + 'x' + base.slice(positions[0]!);
      const incremental = analyzer.analyze(edited, { kind: doc.kind }, termbase);
      const full = e.analyze(edited, { kind: doc.kind }, termbase);
      const isEqualToFull = isDeepStrictEqual(incremental.findings, full.findings);
      result.edits.push({
        document: doc.id,
        termbase: tb.id,
        first,
        median: median(times),
        p90: quantile(times, 0.9),
        edits: times.length,
        blocks: median(stats.map((s) => s.blocks)),
        // Typing re-parses one block; taking the letter out again finds the old block in the cache.
        parsedBlocks: Math.max(...stats.map((s) => s.parsedBlocks)),
        split: median(stats.map((s) => s.split)),
        parse: median(stats.map((s) => s.parse)),
        scan: median(stats.map((s) => s.scan)),
        checks: median(stats.map((s) => s.checks)),
        isEqualToFull,
      });
      log(`edit ${doc.id} × ${tb.id}: first ${first.toFixed(0)} ms, edit median ${median(times).toFixed(1)} ms, equal to full: ${isEqualToFull}`);
    }
  }
  writeFileSync(config.out, JSON.stringify(result, null, 2));
}

main();
