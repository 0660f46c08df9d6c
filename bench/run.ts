/**
 * `npm run bench`: BriefLint side by side with the tools writers would use
 * instead, and with the cost of parsing the document at all. Everything runs
 * in one invocation so that the ratios hold on a noisy machine; it prints a
 * Markdown report and writes it to bench/results/latest.md.
 *
 *   BENCH_QUICK=1   only the 35 KB and 300 KB documents (for working on the bench)
 *   BENCH_SKIP=peers,lsp,cli,inprocess   leave parts out
 *   BENCH_LIMIT_S=60   per-run time limit for the peers and our CLI
 *   BENCH_MAX_CONCEPTS=1000   leave out the bigger termbases
 *   BENCH_SIZES=35k,1m   only these document sizes (35k, 300k, 1m, 5m)
 *   BENCH_RENDER=1   only write the report again from the last run's bench/results/tmp/results.json
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { SERVER_NODE_OPTIONS } from '../server/src/lsp/protocol';
import { REPO, generateDocument, generateTermbase, readBundledConcepts, type DocumentFormat } from './generate';
import type { InProcessConfig, InProcessResult } from './inProcess';
import { LspClient } from './lspClient';
import { writePeerConfigs, type Peer } from './peers';

const isQuick = process.env.BENCH_QUICK === '1';
const skipped = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const LIMIT_MS = Number(process.env.BENCH_LIMIT_S ?? 60) * 1000;
/** The peers get at most this much time in total; cells after it are reported as not run. */
const PEER_BUDGET_MS = 8 * 60 * 1000;
/** How long the server is left quiet before its memory is read again. */
const SETTLE_MS = 30_000;

const WORK = path.join(REPO, 'bench/results/tmp/run');
const INPUTS = path.join(WORK, 'inputs');
const started = performance.now();

const SIZES = [
  { id: '35k', label: '35 KB brief', bytes: 35_000 },
  { id: '300k', label: '300 KB', bytes: 300_000 },
  { id: '1m', label: '1 MB', bytes: 1_000_000 },
  { id: '5m', label: '5 MB', bytes: 5_000_000 },
].filter((s) => (!isQuick || s.bytes <= 300_000) && (!process.env.BENCH_SIZES || process.env.BENCH_SIZES.split(',').includes(s.id)));
const FORMATS: { format: DocumentFormat; label: string; kind: 'markdown' | 'plaintext' }[] = [
  { format: 'md', label: 'Markdown', kind: 'markdown' },
  { format: 'txt', label: 'plain text', kind: 'plaintext' },
];

interface DocumentInput {
  id: string;
  label: string;
  file: string;
  format: DocumentFormat;
  kind: 'markdown' | 'plaintext';
  bytes: number;
  sizeIndex: number;
  injected: number;
}
interface TermbaseInput {
  id: string;
  label: string;
  file: string;
  concepts: number;
  isBundled: boolean;
  peers: Record<Peer, string>;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const fmtMs = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(1) : ms < 10000 ? ms.toFixed(0) : `${(ms / 1000).toFixed(1)} s`;
/** A duration with its unit: "45 ms", "31.1 s". */
const fmtDuration = (ms: number | undefined) => {
  const text = fmtMs(ms);
  return text === '–' || text.endsWith(' s') ? text : `${text} ms`;
};
const fmtS = (ms: number) => (ms < 10000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1]!;

// ---------------------------------------------------------------------------
// Inputs

function prepareInputs(): { documents: DocumentInput[]; termbases: TermbaseInput[] } {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(INPUTS, { recursive: true });
  const bundled = readBundledConcepts();
  const documents: DocumentInput[] = [];
  SIZES.forEach((size, sizeIndex) => {
    for (const { format, label, kind } of FORMATS) {
      const generated = generateDocument(format, size.bytes, bundled);
      const file = path.join(INPUTS, `brief-${size.id}.${format}`);
      writeFileSync(file, generated.text);
      documents.push({ id: `${size.id}-${format}`, label: `${size.label} (${label})`, file, format, kind, bytes: Buffer.byteLength(generated.text), sizeIndex, injected: generated.injectedDeprecated });
    }
  });
  // Synthetic concepts must not occur in any document: check against the largest of each format.
  const avoid = FORMATS.map(({ format }) => readFileSync(documents.filter((d) => d.format === format).at(-1)!.file, 'utf8')).join('\n');
  const termbases: TermbaseInput[] = [];
  const maxConcepts = Number(process.env.BENCH_MAX_CONCEPTS ?? Infinity);
  for (const size of [bundled.length, 1000, 10_000].filter((n) => n <= Math.max(maxConcepts, bundled.length))) {
    const isBundled = size === bundled.length;
    const concepts = isBundled ? bundled : generateTermbase(size, bundled, avoid).concepts;
    const id = isBundled ? 'bundled' : `${size / 1000}k`;
    const file = isBundled ? path.join(REPO, 'terminology/brief.json') : path.join(INPUTS, `termbase-${id}.json`);
    if (!isBundled) writeFileSync(file, JSON.stringify({ name: `Synthetic benchmark termbase (${size} concepts)`, concepts }, null, 2));
    termbases.push({
      id,
      label: isBundled ? `bundled (${bundled.length})` : `${size.toLocaleString('en')} concepts`,
      file,
      concepts: concepts.length,
      isBundled,
      peers: writePeerConfigs(INPUTS, id, concepts),
    });
  }
  return { documents, termbases };
}

async function buildEngineBundle(): Promise<string> {
  const outfile = path.join(WORK, 'engine.cjs');
  await esbuild.build({
    entryPoints: [path.join(REPO, 'bench/engineEntry.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

// ---------------------------------------------------------------------------
// Processes

interface ProcessRun {
  ms: number;
  isTimedOut: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
}

function runProcess(args: string[], limitMs = LIMIT_MS): ProcessRun {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: WORK, timeout: limitMs, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', killSignal: 'SIGKILL' });
  const ms = performance.now() - start;
  return { ms, isTimedOut: result.error !== undefined && ms >= limitMs - 50, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

interface ProcessCell {
  ms?: number;
  runs: number;
  note?: string;
  count?: number;
  isOverLimit?: boolean;
}

/** Median of a few whole-process runs: more runs for fast ones. */
function measureProcess(args: string[], count: (run: ProcessRun) => number | undefined): ProcessCell {
  const first = runProcess(args);
  if (first.isTimedOut) return { runs: 1, isOverLimit: true, note: `> ${LIMIT_MS / 1000} s` };
  const runs = [first];
  const total = first.ms < 2000 ? 5 : first.ms < 8000 ? 3 : 1;
  for (let i = 1; i < total; i++) runs.push(runProcess(args));
  const failed = runs.find((r) => r.status !== 0 && r.status !== 1);
  if (failed) return { runs: runs.length, note: `failed (exit ${failed.status}): ${(failed.stderr || failed.stdout).split('\n').find((l) => l.trim()) ?? ''}`.slice(0, 160) };
  return { ms: median(runs.map((r) => r.ms)), runs: runs.length, count: count(first) };
}

const CLI = path.join(REPO, 'dist/cli.js');
const SERVER = path.join(REPO, 'dist/server.js');
const TEXTLINT = path.join(REPO, 'node_modules/textlint/bin/textlint.js');

function cliArgs(doc: DocumentInput, tb: TermbaseInput): string[] {
  return tb.isBundled ? [CLI, 'check', doc.file] : [CLI, 'check', '--no-bundled', '--termbase', tb.file, doc.file];
}

const countOurs = (run: ProcessRun) => run.stdout.split('\n').filter((line) => line.includes(' term/deprecated ')).length;
const countPeer = (run: ProcessRun) => {
  try {
    return (JSON.parse(run.stdout) as { messages: unknown[] }[]).reduce((n, f) => n + f.messages.length, 0);
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------
// Language server

interface ServerFigures {
  size: number;
  coldStart?: number;
  byTermbase: { termbase: string; open35?: number; edit35?: number; open1m?: number; edit1m?: number; rss35?: number; rss1m?: number; rss1mSettled?: number; note?: string }[];
}

async function measureServer(documents: DocumentInput[], termbases: TermbaseInput[]): Promise<ServerFigures> {
  const figures: ServerFigures = { size: statSync(SERVER).size, byTermbase: [] };
  // Each document alone in its own workspace folder: the server also reads every other brief of
  // a folder (to compare renderings across briefs), which would be measured too.
  const isolate = (doc: DocumentInput | undefined): DocumentInput | undefined => {
    if (!doc) return undefined;
    const folder = path.join(WORK, `lsp-${doc.id}`);
    mkdirSync(folder, { recursive: true });
    const file = path.join(folder, path.basename(doc.file));
    writeFileSync(file, readFileSync(doc.file));
    return { ...doc, file };
  };
  const brief = isolate(documents.find((d) => d.id === '35k-md'))!;
  const large = isolate(documents.find((d) => d.id === '1m-md'));
  const folderUris = [brief, large].filter((d): d is DocumentInput => d !== undefined).map((d) => pathToFileURL(path.dirname(d.file)).href);
  const settingsFor = (tb: TermbaseInput) => ({ run: 'onSave', bundledTermbase: tb.isBundled, termbases: tb.isBundled ? [] : [tb.file] });

  // Cold start: spawn to first diagnostics on the brief, bundled termbase.
  {
    const start = performance.now();
    const client = new LspClient(SERVER, WORK, [...SERVER_NODE_OPTIONS]);
    try {
      await client.initialize(folderUris, settingsFor(termbases[0]!));
      const uri = pathToFileURL(brief.file).href;
      const diagnostics = client.diagnostics(uri, 1, 120_000);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: readFileSync(brief.file, 'utf8') } });
      await diagnostics;
      figures.coldStart = performance.now() - start;
    } catch (error) {
      log(`  cold start failed: ${(error as Error).message}\n${client.stderr.slice(0, 500)}`);
    }
    await client.shutdown();
  }

  for (const tb of termbases) {
    const row: ServerFigures['byTermbase'][number] = { termbase: tb.id };
    const client = new LspClient(SERVER, WORK, [...SERVER_NODE_OPTIONS]);
    try {
      await client.initialize(folderUris, settingsFor(tb));
      const session = async (doc: DocumentInput, edits: number, settleMs = 0) => {
        const uri = pathToFileURL(doc.file).href;
        const base = readFileSync(doc.file, 'utf8');
        let start = performance.now();
        const opened = client.diagnostics(uri, 1, 180_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: base } });
        await opened;
        const open = performance.now() - start;
        const rss = client.residentMegabytes();
        // One character typed in the prose, then taken out again; didSave asks for the check at once
        // (with "run": "onType" the server would first wait for 300 ms of quiet).
        const times: number[] = [];
        let version = 1;
        for (let k = 1; k <= edits; k++) {
          const at = base.indexOf(' the ', Math.floor((base.length * k) / (edits + 1))) + 4;
          const position = positionAt(base, at);
          for (const change of [
            { range: { start: position, end: position }, text: 'x' },
            { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' },
          ]) {
            version++;
            start = performance.now();
            const fresh = client.diagnostics(uri, version, 60_000);
            client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
            client.notify('textDocument/didSave', { textDocument: { uri } });
            await fresh;
            times.push(performance.now() - start);
          }
        }
        // V8 gives memory back to the system only once the process has been quiet a while.
        let rssSettled: number | undefined;
        if (settleMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, settleMs));
          rssSettled = client.residentMegabytes();
        }
        client.notify('textDocument/didClose', { textDocument: { uri } });
        return { open, edit: median(times), rss, rssSettled };
      };
      const small = await session(brief, 10);
      Object.assign(row, { open35: small.open, edit35: small.edit, rss35: small.rss });
      if (large) {
        const big = await session(large, 5, SETTLE_MS);
        Object.assign(row, { open1m: big.open, edit1m: big.edit, rss1m: big.rss, rss1mSettled: big.rssSettled });
      }
    } catch (error) {
      row.note = (error as Error).message;
      log(`  server with ${tb.id}: ${row.note}\n${client.stderr.slice(0, 500)}`);
    }
    await client.shutdown();
    figures.byTermbase.push(row);
    log(`  server × ${tb.id}: open ${fmtDuration(row.open35)}, edit ${fmtDuration(row.edit35)}, RSS ${row.rss35?.toFixed(0)} MB; 1 MB open ${fmtDuration(row.open1m)}, edit ${fmtDuration(row.edit1m)}, RSS ${row.rss1m?.toFixed(0)} MB, ${row.rss1mSettled?.toFixed(0)} MB after ${SETTLE_MS / 1000} s quiet`);
  }
  return figures;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

// ---------------------------------------------------------------------------
// Report

function machine(): string {
  const cpus = os.cpus();
  const memory = (os.totalmem() / 2 ** 30).toFixed(0);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${memory} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average ${load} (1/5/15 min) when the report was written`;
}

async function main() {
  log(`BriefLint benchmark on ${machine()}`);
  log('generating inputs…');
  const { documents, termbases } = prepareInputs();
  const engine = await buildEngineBundle();

  // (1) In process, in a fresh process that loads the bundled engine.
  let inProcess: InProcessResult | undefined;
  if (!skipped.has('inprocess')) {
    log('in process…');
    const config: InProcessConfig = {
      engine,
      documents: documents.map((d) => ({ id: d.id, file: d.file, kind: d.kind, bytes: d.bytes })),
      termbases: termbases.map((t) => ({ id: t.id, file: t.file })),
      editDocuments: documents.filter((d) => d.id.startsWith('35k') || d.id.startsWith('1m')).map((d) => d.id),
      out: path.join(WORK, 'inprocess.json'),
    };
    writeFileSync(path.join(WORK, 'inprocess-config.json'), JSON.stringify(config));
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(REPO, 'bench/inProcess.ts'), path.join(WORK, 'inprocess-config.json')], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`in-process benchmark exited with ${code}`))));
    });
    inProcess = JSON.parse(readFileSync(config.out, 'utf8')) as InProcessResult;
  }

  // (3) The language server (before the long whole-process part, so that its figures are not cut by the budget).
  let server: ServerFigures | undefined;
  if (!skipped.has('lsp')) {
    log('language server…');
    try {
      statSync(SERVER);
      server = await measureServer(documents, termbases);
    } catch (error) {
      log(`  skipped: ${(error as Error).message}`);
    }
  }

  // (2), (4) and (5): our CLI, the parse floor and the peers as whole processes, cell by cell and
  // smallest documents first, so that ours and the peers' see the same machine load and a time
  // budget cuts only the biggest cells.
  const cli = new Map<string, ProcessCell>();
  const floors = new Map<string, { parse: ProcessCell; read: ProcessCell }>();
  const peers = new Map<string, ProcessCell>();
  let peerMs = 0;
  if (!skipped.has('cli') || !skipped.has('peers')) log('whole processes…');
  for (const doc of documents) {
    if (!skipped.has('cli')) {
      floors.set(doc.id, {
        read: measureProcess([path.join(REPO, 'bench/floorProcess.mjs'), doc.file, '--read-only'], () => undefined),
        parse: measureProcess([path.join(REPO, 'bench/floorProcess.mjs'), doc.file], () => undefined),
      });
    }
    const smaller = documents.filter((d) => d.format === doc.format && d.bytes < doc.bytes).at(-1);
    for (const tb of termbases) {
      if (!skipped.has('cli')) {
        const before = smaller ? cli.get(`${smaller.id}|${tb.id}`) : undefined;
        const cell = before?.isOverLimit
          ? { runs: 0, isOverLimit: true, note: `> ${LIMIT_MS / 1000} s (not run: the smaller input already exceeded the limit)` }
          : measureProcess(cliArgs(doc, tb), countOurs);
        cli.set(`${doc.id}|${tb.id}`, cell);
        log(`  brieflint ${doc.id} × ${tb.id}: ${cell.ms !== undefined ? fmtS(cell.ms) : cell.note} (${cell.runs} runs), ${cell.count ?? '–'} deprecated`);
      }
      if (skipped.has('peers')) continue;
      for (const peer of ['prh', 'terminology'] as const) {
        const before = smaller ? peers.get(`${peer}|${smaller.id}|${tb.id}`) : undefined;
        const estimate = before?.ms !== undefined && smaller ? (before.ms * doc.bytes) / smaller.bytes : undefined;
        let cell: ProcessCell;
        if (before?.isOverLimit) {
          cell = { runs: 0, isOverLimit: true, note: `> ${LIMIT_MS / 1000} s (not run: the smaller input already exceeded the limit)` };
        } else if (estimate !== undefined && estimate > 1.5 * LIMIT_MS) {
          cell = { runs: 0, isOverLimit: true, note: `> ${LIMIT_MS / 1000} s (not run: est. ${fmtS(estimate)} from the smaller input)` };
        } else if (peerMs > PEER_BUDGET_MS) {
          cell = { runs: 0, note: 'not run (bench time budget)' };
        } else {
          const start = performance.now();
          cell = measureProcess([TEXTLINT, '--config', tb.peers[peer], '--format', 'json', doc.file], countPeer);
          peerMs += performance.now() - start;
        }
        peers.set(`${peer}|${doc.id}|${tb.id}`, cell);
        log(`  ${peer} ${doc.id} × ${tb.id}: ${cell.ms !== undefined ? fmtS(cell.ms) : cell.note} (${cell.runs} runs), ${cell.count ?? '–'} findings`);
      }
    }
  }

  const raw: RawResults = { machine: machine(), minutes: (performance.now() - started) / 60000, documents, termbases, inProcess, cli: [...cli], floors: [...floors], server, peers: [...peers] };
  writeFileSync(path.join(REPO, 'bench/results/tmp/results.json'), JSON.stringify(raw, null, 1));
  writeReport(raw);
}

/** Everything measured, as JSON (bench/results/tmp/results.json), so that the report can be written again. */
interface RawResults {
  machine: string;
  minutes: number;
  documents: DocumentInput[];
  termbases: TermbaseInput[];
  inProcess?: InProcessResult;
  cli: [string, ProcessCell][];
  floors: [string, { parse: ProcessCell; read: ProcessCell }][];
  server?: ServerFigures;
  peers: [string, ProcessCell][];
}

function writeReport(raw: RawResults): void {
  const { documents, termbases, inProcess, server } = raw;
  const report = renderReport({ documents, termbases, inProcess, cli: new Map(raw.cli), floors: new Map(raw.floors), server, peers: new Map(raw.peers), machine: raw.machine, minutes: raw.minutes });
  mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  writeFileSync(path.join(REPO, 'bench/results/latest.md'), report);
  process.stdout.write(report);
  log(`written to bench/results/latest.md; the run took ${raw.minutes.toFixed(1)} min`);
}

interface ReportInput {
  machine: string;
  minutes: number;
  documents: DocumentInput[];
  termbases: TermbaseInput[];
  inProcess?: InProcessResult;
  cli: Map<string, ProcessCell>;
  floors: Map<string, { parse: ProcessCell; read: ProcessCell }>;
  server?: ServerFigures;
  peers: Map<string, ProcessCell>;
}

/** The issue's targets, each with the figure that decides it. */
function renderTargets({ documents, termbases, inProcess, cli, server, peers }: ReportInput): string[] {
  const rows: [string, string, boolean | undefined][] = [];
  const largest = termbases.at(-1)!;
  const bundled = termbases[0]!;
  const fmtRatio = (r: number) => `${r.toFixed(2)}×`;
  if (inProcess) {
    if (largest !== bundled) {
      const ratios = documents.map((d) => {
        const a = inProcess.cells[`${d.id}|${bundled.id}`]?.match;
        const b = inProcess.cells[`${d.id}|${largest.id}`]?.match;
        return a && b !== undefined ? { d, r: b / a } : undefined;
      }).filter((x): x is { d: DocumentInput; r: number } => x !== undefined);
      const worst = ratios.reduce((m, x) => (x.r > m.r ? x : m), ratios[0]!);
      if (worst) rows.push([`Matching with ${largest.label} ≤ 1.5 × matching with the bundled termbase`, `worst ${fmtRatio(worst.r)} (${worst.d.label})`, worst.r <= 1.5]);
      const compile = inProcess.termbases.find((t) => t.id === largest.id);
      if (compile) rows.push([`Compiling ${largest.label} < 250 ms`, `${fmtDuration(compile.compile)} (load + merge of the JSON file: ${fmtDuration(compile.loadAndMerge)})`, compile.compile < 250]);
    }
    for (const d of documents.filter((x) => x.kind === 'markdown')) {
      const floor = inProcess.documents.find((x) => x.id === d.id)!.floor;
      const worst = Math.max(...termbases.map((tb) => (inProcess.cells[`${d.id}|${tb.id}`]?.analyze ?? NaN) / floor));
      rows.push([`Full analysis ≤ 1.5 × remark parse, ${d.label}`, `${fmtRatio(worst)} (worst termbase)`, worst <= 1.5]);
    }
    for (const d of documents.filter((x) => x.kind === 'plaintext')) {
      const md = documents.find((x) => x.kind === 'markdown' && x.sizeIndex === d.sizeIndex);
      const floor = md ? inProcess.documents.find((x) => x.id === md.id)!.floor : NaN;
      const worst = Math.max(...termbases.map((tb) => (inProcess.cells[`${d.id}|${tb.id}`]?.analyze ?? NaN) / floor));
      rows.push([`Plain text far below the remark parse of the Markdown of its size, ${d.label}`, fmtRatio(worst), worst < 0.5]);
    }
    for (const [prefix, limit] of [['35k', 5], ['1m', 50]] as const) {
      for (const e of inProcess.edits.filter((x) => x.document.startsWith(prefix))) {
        const doc = documents.find((d) => d.id === e.document)!;
        const tb = termbases.find((t) => t.id === e.termbase)!;
        rows.push([`One-character edit ≤ ${limit} ms, ${doc.label}, ${tb.label}`, `${fmtDuration(e.median)} (checks ${fmtDuration(e.checks)} of it)`, e.median <= limit]);
      }
    }
  }
  if (cli.size > 0 && peers.size > 0) {
    let slower = 0;
    let under10 = 0;
    let cells = 0;
    let bigCells = 0;
    let worst = Infinity;
    for (const d of documents) {
      for (const tb of termbases) {
        const ours = cli.get(`${d.id}|${tb.id}`)?.ms;
        const peerTimes = (['prh', 'terminology'] as const).map((p) => peers.get(`${p}|${d.id}|${tb.id}`)).map((c) => (c?.ms !== undefined ? c.ms : c?.isOverLimit ? LIMIT_MS : undefined));
        if (ours === undefined || peerTimes.some((t) => t === undefined)) continue;
        const best = Math.min(...(peerTimes as number[]));
        cells++;
        if (ours >= best) slower++;
        if (tb.concepts >= 1000) {
          bigCells++;
          if (best / ours < 10) under10++;
          worst = Math.min(worst, best / ours);
        }
      }
    }
    rows.push(['CLI faster than both textlint peers in every cell', `slower in ${slower} of ${cells} cells`, slower === 0 && cells > 0]);
    if (bigCells > 0) rows.push(['CLI ≥ 10 × faster in every cell with ≥ 1,000 terms', `under 10 × in ${under10} of ${bigCells} cells (worst ${worst.toFixed(1)} ×, peers over the limit counted at the limit)`, under10 === 0]);
  }
  if (server) {
    const row = server.byTermbase.find((r) => r.termbase === largest.id);
    const rss = row ? Math.max(row.rss35 ?? 0, row.rss1m ?? 0) : undefined;
    const settled = row?.rss1mSettled !== undefined ? ` (35 KB brief open: ${row.rss35?.toFixed(0)} MB; 1 MB document open: ${row.rss1m?.toFixed(0)} MB, ${row.rss1mSettled.toFixed(0)} MB after ${SETTLE_MS / 1000} s quiet)` : '';
    rows.push([`Server resident memory < 150 MB with ${largest.label}`, rss ? `${rss.toFixed(0)} MB${settled}` : `– ${row?.note ?? ''}`, rss ? rss < 150 : undefined]);
    rows.push(['Cold start to first diagnostics < 500 ms (35 KB brief)', `${fmtDuration(server.coldStart)}`, server.coldStart !== undefined ? server.coldStart < 500 : undefined]);
    rows.push(['Bundled `dist/server.js` size', `${(server.size / 1024).toFixed(0)} KiB`, undefined]);
  }
  const out = ['## Targets', '', '| Target | Figure | Met |', '|---|---|---|'];
  for (const [target, figure, isMet] of rows) out.push(`| ${target} | ${figure} | ${isMet === undefined ? '' : isMet ? 'yes' : '**no**'} |`);
  out.push('');
  return out;
}

function cellText(cell: ProcessCell | undefined): string {
  if (!cell) return '–';
  if (cell.ms === undefined) return cell.note?.startsWith('>') ? cell.note.split(' (')[0]! + (cell.runs === 0 ? '*' : '') : (cell.note ?? '–');
  return fmtS(cell.ms);
}

function renderReport(input: ReportInput): string {
  const { documents, termbases, inProcess, cli, floors, server, peers } = input;
  const out: string[] = [];
  out.push('# BriefLint benchmark', '');
  out.push(`Taken ${new Date().toISOString().slice(0, 10)} on ${input.machine}; the whole run took ${input.minutes.toFixed(1)} min. Regenerate with \`npm run bench\`.`, '');
  out.push(
    'Inputs are generated deterministically from our sample briefs (samples/nswn-brief.md, .txt) and filler prose of our own: ' +
      documents.map((d) => `${d.label} ${(d.bytes / 1024).toFixed(0)} KiB with ${d.injected} deprecated variants put in`).join('; ') +
      '. Termbases: ' +
      termbases.map((t) => t.label).join(', ') +
      ' (the bundled concepts plus synthetic ones with multi-word English forms, hanzi and acronyms that do not occur in the text). ' +
      'Times are medians (runs in brackets where fewer than 3); "whole process" includes Node start-up.',
    '',
  );

  out.push(...renderTargets(input));

  if (inProcess) {
    out.push('## Engine in process', '', 'Milliseconds. `analyze` = parse + match + checks, as the CLI calls it; the floor is `remark-parse` + `remark-gfm` alone on the same text.', '');
    out.push('| Document | Termbase | read file | remark floor | **analyze** | parse | match | checks | analyze ÷ floor | findings |');
    out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const doc of documents) {
      const d = inProcess.documents.find((x) => x.id === doc.id)!;
      for (const tb of termbases) {
        const c = inProcess.cells[`${doc.id}|${tb.id}`];
        if (!c) continue;
        out.push(
          `| ${doc.label} | ${tb.label} | ${fmtMs(d.read)} | ${fmtMs(d.floor)} | **${fmtMs(c.analyze)}**${c.isAnalyzeSummed ? '†' : ''} | ${fmtMs(c.parse)} | ${fmtMs(c.match)} | ${fmtMs(c.checks)} | ${(c.analyze / d.floor).toFixed(2)} | ${c.findings} |`,
        );
      }
    }
    out.push('', '† sum of the phases, each measured once (a full run of the largest input would add minutes).', '');
    out.push('### Compiling the termbase', '', '| Termbase | concepts | trie forms | load + merge (ms) | compile (ms, median of 5) |', '|---|---:|---:|---:|---:|');
    for (const t of inProcess.termbases) {
      out.push(`| ${termbases.find((x) => x.id === t.id)!.label} | ${t.concepts} | ${t.forms} | ${fmtMs(t.loadAndMerge)} | ${fmtMs(t.compile)} |`);
    }
    out.push('', '### Matching flat in termbase size', '', '| Document | match, bundled (ms) | 1,000 | 10,000 | 10,000 ÷ bundled |', '|---|---:|---:|---:|---:|');
    for (const doc of documents) {
      const m = termbases.map((tb) => inProcess.cells[`${doc.id}|${tb.id}`]?.match);
      out.push(`| ${doc.label} | ${m.map(fmtMs).join(' | ')} | ${m[2] !== undefined && m[0] ? (m[2] / m[0]).toFixed(2) : '–'} |`);
    }
    out.push('', '### Editing (IncrementalAnalyzer, in process)', '', 'A letter typed into the prose and taken out again at 20 places (10 on 1 MB), alternately to warm up and to measure: the median is of 20 re-analyses (10 on 1 MB) with a warm JIT, as in a server that has been running a while (before the first cell, one untimed round of the same typing on the first document).', '');
    out.push('| Document | Termbase | first analysis | **edit, median** | edit, p90 | blocks | re-parsed (most) | split | parse + assemble | match | checks | equals full |');
    out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const e of inProcess.edits) {
      const doc = documents.find((d) => d.id === e.document)!;
      const tb = termbases.find((t) => t.id === e.termbase)!;
      out.push(
        `| ${doc.label} | ${tb.label} | ${fmtMs(e.first)} | **${fmtMs(e.median)}** | ${fmtMs(e.p90)} | ${e.blocks} | ${e.parsedBlocks} | ${fmtMs(e.split)} | ${fmtMs(e.parse)} | ${fmtMs(e.scan)} | ${fmtMs(e.checks)} | ${e.isEqualToFull ? 'yes' : '**no**'} |`,
      );
    }
    out.push('');
  }

  if (cli.size > 0 || peers.size > 0) {
    out.push('## Whole process: our CLI against textlint', '');
    out.push('Seconds, whole process. BriefLint: `node dist/cli.js check FILE` (bundled termbase) or `check --no-bundled --termbase FILE`. Peers: `textlint --format json` with `textlint-rule-prh` and with `textlint-rule-terminology`, given every forbidden → preferred pair of the same termbase.', '');
    out.push('| Document | Termbase | read (process) | remark (process) | **BriefLint** | textlint + prh | textlint + terminology | faster than the best peer |');
    out.push('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const doc of documents) {
      const floor = floors.get(doc.id);
      for (const tb of termbases) {
        const ours = cli.get(`${doc.id}|${tb.id}`);
        const prh = peers.get(`prh|${doc.id}|${tb.id}`);
        const terminology = peers.get(`terminology|${doc.id}|${tb.id}`);
        const peerTimes = [prh, terminology].map((p) => (p?.ms !== undefined ? p.ms : p?.isOverLimit ? LIMIT_MS : undefined)).filter((v): v is number => v !== undefined);
        const bestPeer = peerTimes.length > 0 ? Math.min(...peerTimes) : undefined;
        const isLowerBound = [prh, terminology].some((p) => p?.isOverLimit) && bestPeer === LIMIT_MS;
        const ratio = ours?.ms !== undefined && bestPeer !== undefined ? `${isLowerBound ? '> ' : ''}${(bestPeer / ours.ms).toFixed(1)}×` : '–';
        out.push(`| ${doc.label} | ${tb.label} | ${cellText(floor?.read)} | ${cellText(floor?.parse)} | **${cellText(ours)}** | ${cellText(prh)} | ${cellText(terminology)} | ${ratio} |`);
      }
    }
    out.push('', `\\* not run: a smaller input already exceeded the ${LIMIT_MS / 1000} s limit, or the estimate from it (time × size ratio) was over 1.5 × the limit.`, '');

    out.push('### Findings: every tool should find the deprecated variants we put in', '', '| Document | Termbase | put in | BriefLint `term/deprecated` | textlint + prh | textlint + terminology |', '|---|---|---:|---:|---:|---:|');
    for (const doc of documents) {
      for (const tb of termbases) {
        const c = (cell: ProcessCell | undefined) => (cell?.count !== undefined ? String(cell.count) : '–');
        out.push(`| ${doc.label} | ${tb.label} | ${doc.injected} | ${c(cli.get(`${doc.id}|${tb.id}`))} | ${c(peers.get(`prh|${doc.id}|${tb.id}`))} | ${c(peers.get(`terminology|${doc.id}|${tb.id}`))} |`);
      }
    }
    out.push('');
  }

  if (server) {
    out.push('## Language server over stdio', '');
    out.push(`\`dist/server.js\`: ${(server.size / 1024).toFixed(0)} KiB. Cold start (spawn → initialize → didOpen of the 35 KB brief → first diagnostics), bundled termbase: **${fmtDuration(server.coldStart)}**.`, '');
    out.push('An edit is one character typed into the prose (didChange + didSave, so the server checks at once; with `"run": "onType"` it first waits for 300 ms of quiet), median of 20 (10 on 1 MB).', '');
    out.push(`Resident memory is read right after the first diagnostics, and for the 1 MB document again after its edits and ${SETTLE_MS / 1000} s without messages (V8 returns memory to the system only once the process is quiet).`, '');
    out.push(`| Termbase | didOpen → diagnostics, 35 KB | edit → fresh diagnostics, 35 KB | resident memory, 35 KB open | didOpen → diagnostics, 1 MB | edit, 1 MB | resident memory, 1 MB open | after ${SETTLE_MS / 1000} s quiet |`);
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of server.byTermbase) {
      const tb = termbases.find((t) => t.id === row.termbase)!;
      const mb = (v: number | undefined) => (v === undefined ? '–' : `${v.toFixed(0)} MB`);
      out.push(`| ${tb.label}${row.note ? ` (${row.note})` : ''} | ${fmtDuration(row.open35)} | ${fmtDuration(row.edit35)} | ${mb(row.rss35)} | ${fmtDuration(row.open1m)} | ${fmtDuration(row.edit1m)} | ${mb(row.rss1m)} | ${mb(row.rss1mSettled)} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

// BENCH_RENDER=1: write the report again from bench/results/tmp/results.json, without measuring.
const run = process.env.BENCH_RENDER === '1' ? async () => writeReport(JSON.parse(readFileSync(path.join(REPO, 'bench/results/tmp/results.json'), 'utf8')) as RawResults) : main;
run().catch((error: unknown) => {
  log(String((error as Error).stack ?? error));
  process.exit(1);
});
