/**
 * The server properties: it stays up through any sequence of LSP messages an
 * editor (or a buggy one) may send, and then still answers correctly on a
 * known document; its memory does not grow over thousands of edit cycles.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError, type CodeAction, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver/node';
import { briefDocument, hostileText } from './arbitraries';
import { handWrittenTermbase } from './properties';
import { LspSession } from './lspSession';

const CONFIG = '{\n  "termbases": ["terms/house.json"]\n}\n';
const HOUSE = '{\n  // The house termbase.\n  "concepts": [\n    {"id": "nqpf", "zh": "新质生产力", "en": "new quality productive forces", "deprecated": ["new productive forces"]}\n  ]\n}\n';
export const KNOWN_TEXT = '# Known\n\nThe NWNS grew, and the NSWN (新型举国体制) matters.\n';

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };

export type ServerAction =
  | { kind: 'open'; doc: number; languageId: string; text: string }
  | { kind: 'change'; doc: number; edits: { range?: Range; text: string }[] }
  | { kind: 'close' | 'save'; doc: number }
  | { kind: 'hover' | 'completion' | 'definition' | 'symbols'; doc: number; position: Position }
  | { kind: 'codeAction'; doc: number; range: Range; isWithDiagnostics: boolean; only?: readonly string[] | undefined }
  | { kind: 'resolve'; item: unknown }
  | { kind: 'settings'; value: unknown }
  | { kind: 'termbase'; text: string; name: string }
  | { kind: 'config'; text: string }
  | { kind: 'command'; command: string; args: unknown[] }
  | { kind: 'custom'; method: string; params: unknown };

/** Documents 0–3 live in the workspace; 4 is an untitled buffer, 5 a file outside it, 6 never opened ("unknown"). */
const DOCUMENT_COUNT = 7;

function uriOf(folder: string, doc: number, languageId = 'markdown'): string {
  if (doc === 4) return 'untitled:Untitled-1';
  if (doc === 5) return pathToFileURL(path.join(tmpdir(), `outside-${path.basename(folder)}.md`)).href;
  if (doc === 6) return pathToFileURL(path.join(folder, 'never-opened.md')).href;
  const extension = languageId === 'plaintext' ? 'txt' : languageId === 'quarto' ? 'qmd' : 'md';
  return pathToFileURL(path.join(folder, `doc${doc}.${extension}`)).href;
}

const coordinate = fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 30 }) }, { weight: 1, arbitrary: fc.constantFrom(1_000_000, 2 ** 31 - 1, -1) });
const position: fc.Arbitrary<Position> = fc.record({ line: coordinate, character: coordinate });
const range: fc.Arbitrary<Range> = fc.record({ start: position, end: position });
const docIndex = fc.nat({ max: DOCUMENT_COUNT - 1 });

const settingsValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({}),
  fc.constant(null),
  fc.record(
    {
      run: fc.constantFrom('onSave', 'onType', 'sometimes', 3),
      termbases: fc.oneof(fc.constant(['terms/house.json']), fc.constant(['/nonexistent/x.tbx', '../../etc/passwd', 'terms']), fc.constant('terms/house.json'), fc.array(hostileText, { maxLength: 2 })),
      bundledTermbase: fc.oneof(fc.boolean(), fc.constant('yes')),
      rules: fc.oneof(fc.dictionary(fc.constantFrom('term/near-miss', 'term/*', 'acronym', 'no/rule', '__proto__'), fc.constantFrom('error', 'off', 'loud', 1)), fc.constant('all')),
      acronyms: fc.oneof(fc.record({ allow: fc.array(fc.constantFrom('NWNS', 'WTO', ''), { maxLength: 3 }) }), fc.constant({ allow: 'WTO' })),
      workspaceConsistency: fc.oneof(fc.boolean(), fc.constant(0)),
      languages: fc.oneof(fc.constant(['markdown', 'plaintext']), fc.constant([])),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const termbaseText = fc.oneof(
  handWrittenTermbase,
  handWrittenTermbase.chain((text) => fc.nat({ max: text.length }).map((cut) => text.slice(0, cut))),
  hostileText,
  fc.constant('<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>'),
  fc.constant('id,en,zh\nx,modern industrial base,现代产业体系\n"unclosed'),
);

/** Any action an editor may send, with out-of-range positions, reversed ranges, unknown documents and bad arguments. */
export function serverAction(): fc.Arbitrary<ServerAction> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('open' as const), doc: docIndex, languageId: fc.constantFrom('markdown', 'plaintext', 'quarto', 'python'), text: briefDocument(20).map((d) => d.text) }) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        doc: docIndex,
        edits: fc.array(fc.record({ range: fc.option(range, { nil: undefined }), text: fc.oneof(hostileText, fc.constantFrom('NWNS', '¹', '\n', '\r\n', '(新型举国体制)', '', '[^1]', '\n\nNotes\n\n1. x\n')) }), { minLength: 1, maxLength: 4 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'save' as const), doc: docIndex }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('hover' as const, 'completion' as const, 'definition' as const, 'symbols' as const), doc: docIndex, position }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('codeAction' as const), doc: docIndex, range, isWithDiagnostics: fc.boolean(), only: fc.option(fc.constantFrom(['quickfix'], ['source.fixAll'], ['source'], ['refactor']), { nil: undefined }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), item: fc.oneof(fc.constant({ label: 'NSWN' }), fc.record({ label: fc.string(), data: fc.jsonValue({ maxDepth: 2 }) })) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('settings' as const), value: settingsValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('termbase' as const), text: termbaseText, name: fc.constantFrom('terms/house.json', 'terms/house.json', 'terms/other.tbx') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('config' as const), text: fc.oneof(fc.constant(CONFIG), fc.constant('{"termbases": ["terms/other.tbx", "terms/house.json"], "rules": {"term": "error"}}'), fc.constant('{ broken'), hostileText) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('command' as const),
        command: fc.constantFrom('brieflint.server.addTerm', 'brieflint.server.renumberNotes', 'no.such.command'),
        args: fc.oneof(
          fc.tuple(fc.record({ uri: fc.constant('DOC'), zh: fc.oneof(fc.constantFrom('新词', '新质生产力', ' '), hostileText), en: fc.option(fc.oneof(fc.constant('a new term'), hostileText), { nil: undefined }) })),
          fc.tuple(fc.record({ uri: fc.constant('DOC') })),
          fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
        ),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('custom' as const), method: fc.constantFrom('brieflint/termbase', 'brieflint/termCard', 'brieflint/unknown'), params: fc.oneof(fc.constant({}), fc.record({ uri: fc.constant('DOC'), index: fc.integer({ min: -2, max: 100 }) }), fc.jsonValue({ maxDepth: 1 })) }) },
  );
}

/** A fresh workspace: a config, a house termbase. */
export function makeWorkspace(): { folder: string; remove(): void; write(name: string, text: string): string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'brieflint-lsp-fuzz-'));
  const write = (name: string, text: string) => {
    const full = path.join(folder, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return full;
  };
  write('.brieflint.json', CONFIG);
  write('terms/house.json', HOUSE);
  return { folder, write, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Plays one action; requests are awaited (an answer, any answer, within the deadline). */
async function play(session: LspSession, workspace: ReturnType<typeof makeWorkspace>, action: ServerAction, languages: Map<number, string>): Promise<void> {
  try {
    await playUnchecked(session, workspace, action, languages);
  } catch (error) {
    // An error response (unknown method, invalid params) is an answer; silence or a dead server is not.
    if (!(error instanceof ResponseError)) throw error;
  }
}

async function playUnchecked(session: LspSession, workspace: ReturnType<typeof makeWorkspace>, action: ServerAction, languages: Map<number, string>): Promise<void> {
  const uri = (doc: number) => uriOf(workspace.folder, doc, languages.get(doc));
  const textDocument = (doc: number) => ({ uri: uri(doc) });
  const withDoc = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null).replaceAll('"DOC"', JSON.stringify(uri(0))));
  switch (action.kind) {
    case 'open': {
      if (session.documents.has(uri(action.doc))) await session.close(uri(action.doc));
      languages.set(action.doc, action.languageId);
      await session.open(uri(action.doc), action.text, action.languageId);
      return;
    }
    case 'change':
      // Changes to a document that is not open are sent too: a buggy client does.
      await session.change(
        uri(action.doc),
        action.edits.map((e) => (e.range ? { range: e.range, text: e.text } : { text: e.text })),
      );
      return;
    case 'close':
      if (session.documents.has(uri(action.doc))) await session.close(uri(action.doc));
      else await session.notify('textDocument/didClose', { textDocument: textDocument(action.doc) });
      return;
    case 'save':
      await session.notify('textDocument/didSave', { textDocument: textDocument(action.doc) });
      return;
    case 'hover':
      await session.request('textDocument/hover', { textDocument: textDocument(action.doc), position: action.position });
      return;
    case 'completion':
      await session.request('textDocument/completion', { textDocument: textDocument(action.doc), position: action.position });
      return;
    case 'definition':
      await session.request('textDocument/definition', { textDocument: textDocument(action.doc), position: action.position });
      return;
    case 'symbols':
      await session.request('textDocument/documentSymbol', { textDocument: textDocument(action.doc) });
      return;
    case 'codeAction': {
      const diagnostics = action.isWithDiagnostics ? (session.diagnostics.get(uri(action.doc))?.diagnostics ?? []) : [];
      await session.request('textDocument/codeAction', { textDocument: textDocument(action.doc), range: action.range, context: { diagnostics, ...(action.only ? { only: action.only } : {}) } });
      return;
    }
    case 'resolve':
      await session.request('completionItem/resolve', withDoc(action.item));
      return;
    case 'settings':
      session.settings = action.value;
      await session.notify('workspace/didChangeConfiguration', { settings: { brieflint: action.value } });
      return;
    case 'termbase': {
      const file = workspace.write(action.name, action.text);
      await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
      return;
    }
    case 'config': {
      const file = workspace.write('.brieflint.json', action.text);
      await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
      return;
    }
    case 'command':
      await session.request('workspace/executeCommand', { command: action.command, arguments: withDoc(action.args) });
      return;
    case 'custom':
      await session.request(action.method, withDoc(action.params));
      return;
  }
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents as MarkupContent | string | { value: string }[];
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return contents.value;
}

/** After whatever came before: settings and files restored, a known document gets the known answers. */
export async function assertAnswersCorrectly(session: LspSession, workspace: ReturnType<typeof makeWorkspace>, name = 'known.md'): Promise<void> {
  session.settings = {};
  await session.notify('workspace/didChangeConfiguration', { settings: { brieflint: {} } });
  for (const [file, text] of [['.brieflint.json', CONFIG], ['terms/house.json', HOUSE]] as const) {
    const full = workspace.write(file, text);
    await session.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(full).href, type: 2 }] });
  }
  const uri = pathToFileURL(path.join(workspace.folder, name)).href;
  if (session.documents.has(uri)) await session.close(uri);
  await session.open(uri, KNOWN_TEXT, 'markdown');
  const nwns = KNOWN_TEXT.indexOf('NWNS');
  const line = KNOWN_TEXT.slice(0, nwns).split('\n').length - 1;
  const character = nwns - KNOWN_TEXT.lastIndexOf('\n', nwns) - 1;
  const isNearMiss = (d: Diagnostic) => d.code === 'term/near-miss' && d.range.start.line === line && d.range.start.character === character && d.range.end.character === character + 4;
  const diagnostics = await session.waitForDiagnostics(uri, (ds) => ds.some(isNearMiss), 1);
  const nearMiss = diagnostics.find(isNearMiss)!;
  const nswn = KNOWN_TEXT.indexOf('NSWN');
  const hover = await session.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: nswn - KNOWN_TEXT.lastIndexOf('\n', nswn) - 1 + 1 } });
  assert.match(hoverText(hover), /new-style whole-of-nation system/, 'hover on NSWN shows its glossary card');
  const actions = await session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: nearMiss.range, context: { diagnostics: [nearMiss] } });
  assert.ok(
    actions.some((a) => /Replace with "NSWN"/.test(a.title)),
    `the quick fix for NWNS is offered: ${JSON.stringify(actions.map((a) => a.title))}`,
  );
  await session.close(uri);
}

/** Plays a sequence on a fresh server, then checks it is up and right, and that no handler failed. */
export async function checkServerSequence(actions: readonly ServerAction[]): Promise<void> {
  const workspace = makeWorkspace();
  const session = await LspSession.start(workspace.folder, {});
  try {
    const languages = new Map<number, string>();
    for (const action of actions) await play(session, workspace, action, languages);
    await assertAnswersCorrectly(session, workspace);
    assert.ok(session.isAlive, 'the server is up');
    assert.deepEqual(session.errors, [], 'no handler failed');
  } finally {
    await session.stop();
    workspace.remove();
  }
}

export interface MemoryOutcome {
  cycles: number;
  warmRssKb: number;
  /** Half-way between the warm-up and the end: a leak keeps growing after it, a settling heap does not. */
  midRssKb: number;
  endRssKb: number;
  elapsedMs: number;
}

/**
 * Edit cycles on one open brief: an edit at a random place (inserted, then
 * removed the next cycle, so the text stays the same size) and a hover that
 * makes the server analyse the new version. RSS after warm-up, half-way and at the end.
 */
export async function measureServerMemory(cycles: number, warmUp: number, text: string): Promise<MemoryOutcome> {
  const workspace = makeWorkspace();
  const session = await LspSession.start(workspace.folder, { run: 'onType' });
  const started = performance.now();
  try {
    const uri = pathToFileURL(path.join(workspace.folder, 'brief.md')).href;
    await session.open(uri, text, 'markdown');
    let random = 12345;
    const next = () => (random = (Math.imul(random, 1103515245) + 12345) >>> 0);
    let warmRssKb = 0;
    let midRssKb = 0;
    const middle = Math.floor((warmUp + cycles) / 2);
    let pending: { line: number; character: number; length: number } | undefined;
    for (let cycle = 0; cycle < cycles; cycle++) {
      const document = session.documents.get(uri)!;
      if (pending) {
        const start = { line: pending.line, character: pending.character };
        await session.change(uri, [{ range: { start, end: { line: pending.line, character: pending.character + pending.length } }, text: '' }]);
        pending = undefined;
      } else {
        const at = document.positionAt(next() % (document.getText().length + 1));
        const inserted = ['NWNS ', '¹', 'the dual cycle strategy ', '(新型举国体制)'][next() % 4]!;
        await session.change(uri, [{ range: { start: at, end: at }, text: inserted }]);
        pending = { line: at.line, character: at.character, length: inserted.length };
      }
      await session.request('textDocument/hover', { textDocument: { uri }, position: session.documents.get(uri)!.positionAt(next() % text.length) });
      if (cycle % 50 === 0) await session.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics: session.diagnostics.get(uri)?.diagnostics ?? [] } });
      if (cycle === warmUp - 1) warmRssKb = session.rssKb();
      if (cycle === middle - 1) midRssKb = session.rssKb();
    }
    const endRssKb = session.rssKb();
    assert.deepEqual(session.errors, [], 'no handler failed');
    await assertAnswersCorrectly(session, workspace);
    return { cycles, warmRssKb, midRssKb, endRssKb, elapsedMs: performance.now() - started };
  } finally {
    await session.stop();
    workspace.remove();
  }
}

export function describeMemory(outcome: MemoryOutcome): string {
  const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
  return `${outcome.cycles} edit cycles in ${Math.round(outcome.elapsedMs)} ms; RSS ${mb(outcome.warmRssKb)} after warm-up, ${mb(outcome.midRssKb)} half-way, ${mb(outcome.endRssKb)} at the end`;
}

/**
 * The heap settles after warm-up (about 20–30 MB on this machine, whatever the
 * number of cycles); a leak of one analysis per version (tens of kB each)
 * keeps growing through the second half.
 */
export function assertNoLeak(outcome: MemoryOutcome): void {
  const growth = (outcome.endRssKb - outcome.warmRssKb) / 1024;
  const lateGrowth = (outcome.endRssKb - outcome.midRssKb) / 1024;
  assert.ok(growth < 50, `RSS grew by ${growth.toFixed(1)} MB after warm-up: ${describeMemory(outcome)}`);
  assert.ok(lateGrowth < 20, `RSS still grew by ${lateGrowth.toFixed(1)} MB in the second half: ${describeMemory(outcome)}`);
}
