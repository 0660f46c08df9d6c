/**
 * The named properties of issue 7, shared by the default test suite (a few
 * hundred cases each) and `npm run fuzz` (as many as a time budget allows).
 * Each is built lazily, so that a test file pays only for what it runs.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyze,
  applyEdits,
  compileTermbase,
  loadTermbaseText,
  mergeTermbases,
  type Analysis,
  type AnalyzeOptions,
  type Concept,
  type Finding,
  type Fix,
  type TermbaseFile,
  type TermbaseProblem,
} from '../../../server/src/engine/index';
import { noteIndex } from '../../../server/src/engine/checks/footnotes/index';
import { addConceptToTermbaseText } from '../../../server/src/lsp/addTerm';
import { analyzeOptionsExtras, anyDocument, briefDocument, hostileText, mutatedSample, type GeneratedDocument } from './arbitraries';
import {
  analyzeChecked,
  assertAnalysisInvariants,
  assertEditsWellFormed,
  assertOnlyEditedRangesChanged,
  bundledTermbase,
  describeFinding,
  findingsAtFixedPlace,
  fixAllOnce,
  fixAllToFixpoint,
} from './engine';
import { termbaseInputs } from './termbaseInputs';

export interface NamedProperty {
  id: string;
  /** What the property claims, one sentence. */
  claim: string;
  /** Cases in the default test suite. */
  defaultRuns: number;
  build(): fc.IProperty<unknown[]>;
}

const documents = (): fc.Arbitrary<GeneratedDocument> => fc.oneof({ weight: 3, arbitrary: briefDocument() }, { weight: 2, arbitrary: mutatedSample() });

/**
 * Edits may rewrite prose and note labels, never code, URLs, HTML, link
 * destinations or front matter. Such text may move with what holds it
 * (renumbering moves a note's text, URL and all, to its new slot), so a span
 * an edit removes must come back whole in another edit of the same fix.
 */
function assertEditsSpareProtectedText(analysis: Analysis, finding: Finding, fix: Fix): void {
  const doc = analysis.document;
  const footnoteCalls = new Set(doc.footnoteReferences.map((r) => `${r.start}:${r.end}`));
  for (const edit of fix.edits) {
    for (const span of doc.excluded) {
      if (footnoteCalls.has(`${span.start}:${span.end}`)) continue;
      const isTouched = edit.start === edit.end ? span.start < edit.start && edit.start < span.end : edit.start < span.end && span.start < edit.end;
      if (!isTouched) continue;
      const protectedText = doc.text.slice(span.start, span.end);
      const isMoved = edit.start <= span.start && span.end <= edit.end && fix.edits.some((other) => other.newText.includes(protectedText));
      assert.ok(
        isMoved,
        `${describeFinding(doc.text, finding)}, fix ${JSON.stringify(fix.title)}: edit [${edit.start}, ${edit.end}) rewrites protected text ${JSON.stringify(protectedText.slice(0, 60))}`,
      );
    }
  }
}

/** Applies one fix alone and checks what it may change and that the finding is gone. */
export function checkFixAlone(text: string, options: AnalyzeOptions, analysis: Analysis, finding: Finding, fix: Fix): void {
  const where = `${describeFinding(text, finding)}, fix ${JSON.stringify(fix.title)}`;
  const fixed = applyEdits(text, fix.edits);
  assertOnlyEditedRangesChanged(text, fixed, fix.edits, where);
  assertEditsSpareProtectedText(analysis, finding, fix);
  const after = analyzeChecked(fixed, options);
  const remaining = findingsAtFixedPlace(finding, fix, after);
  assert.deepEqual(
    remaining.map((f) => describeFinding(fixed, f)),
    [],
    `${where}: re-analysis still reports ${finding.rule} at the fixed place.\nfixed text: ${JSON.stringify(fixed)}`,
  );
}

function checkEveryFix(doc: GeneratedDocument, isPreferredOnly: boolean): void {
  const options: AnalyzeOptions = { kind: doc.kind };
  const analysis = analyzeChecked(doc.text, options);
  for (const finding of analysis.findings) {
    for (const fix of finding.fixes ?? []) {
      if (isPreferredOnly && !(fix.isPreferred || finding.fixes!.length === 1)) continue;
      checkFixAlone(doc.text, options, analysis, finding, fix);
    }
  }
}

/** Renumbering: the one whole-document fix of the notes. */
export function checkRenumber(doc: GeneratedDocument): void {
  const options: AnalyzeOptions = { kind: doc.kind };
  const analysis = analyzeChecked(doc.text, options);
  const before = noteIndex(analysis.context);
  const fix = before.renumber();
  if (!fix) return;
  assertEditsWellFormed(doc.text, fix.edits, 'renumber');
  const renumbered = applyEdits(doc.text, fix.edits);
  assertOnlyEditedRangesChanged(doc.text, renumbered, fix.edits, 'renumber');
  for (const edit of fix.edits) {
    const isMarker = before.markers.some((m) => m.labelStart <= edit.start && edit.end <= m.labelEnd);
    const isInNotes = before.notes.some((n) => n.start <= edit.start && edit.end <= n.end);
    assert.ok(isMarker || isInNotes, `renumber edit [${edit.start}, ${edit.end}) ${JSON.stringify(doc.text.slice(edit.start, edit.end))} lies outside every marker label and note`);
  }
  const afterAnalysis = analyzeChecked(renumbered, options);
  const after = noteIndex(afterAnalysis.context);
  // A note may cite another note; its markers are renumbered with the rest, so digits are left out of the comparison.
  const withoutNumbers = (text: string) => text.replace(/[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]/g, '').trim();
  const textsOf = (notes: readonly { text: string }[]) => notes.map((n) => withoutNumbers(n.text)).sort();
  assert.deepEqual(textsOf(after.notes), textsOf(before.notes), 'renumbering keeps every note text, once');
  assert.equal(after.markers.length, before.markers.length, 'renumbering keeps every marker');
  before.markers.forEach((marker, i) => {
    const note = before.noteOf(marker);
    if (!note) return;
    const moved = after.noteOf(after.markers[i]!);
    assert.equal(moved && withoutNumbers(moved.text), withoutNumbers(note.text), `marker ${JSON.stringify(doc.text.slice(marker.start, marker.end))} at ${marker.start} keeps its note`);
  });
  const again = after.renumber();
  const twice = again ? applyEdits(renumbered, again.edits) : renumbered;
  assert.equal(twice, renumbered, `renumbering twice changes the text again: ${JSON.stringify(again?.edits)}`);
}

/** LF, CRLF and lone CR are one line end to a writer: the findings must not depend on which. */
export function checkLineEnds(doc: GeneratedDocument): void {
  const lf = doc.text.replace(/\r\n?/g, '\n');
  const crlf = lf.replace(/\n/g, '\r\n');
  const cr = lf.replace(/\n/g, '\r');
  const lfOffsetOf = (offset: number) => offset - (crlf.slice(0, offset).match(/\r/g)?.length ?? 0);
  const summary = (text: string, toLf: (offset: number) => number) =>
    analyzeChecked(text, { kind: doc.kind }).findings.map((f) => `${f.rule} [${toLf(f.start)}, ${toLf(f.end)})`);
  const expected = summary(lf, (o) => o);
  assert.deepEqual(summary(crlf, lfOffsetOf), expected, 'CRLF line ends change the findings');
  assert.deepEqual(summary(cr, (o) => o), expected, 'CR line ends change the findings');
}

/** A JSON termbase as people write them: comments, indentation of any kind, one-line or multi-line entries, CRLF, a BOM. */
export const handWrittenTermbase: fc.Arbitrary<string> = fc
  .record({
    concepts: fc.array(
      fc.record({
        en: fc.oneof(fc.constantFrom('modern industrial base', 'new quality productive forces', 'S&T'), fc.string({ minLength: 1, maxLength: 12 })),
        zh: fc.option(fc.oneof(fc.constantFrom('现代产业体系', '新质生产力', '两 张皮'), hostileText), { nil: undefined }),
        definition: fc.option(hostileText, { nil: undefined }),
      }),
      { maxLength: 5 },
    ),
    unit: fc.constantFrom('  ', '    ', '\t'),
    entryStyle: fc.constantFrom('multiLine', 'spaced', 'compact'),
    eol: fc.constantFrom('\n', '\r\n'),
    hasComments: fc.boolean(),
    hasTrailingComma: fc.boolean(),
    hasBom: fc.boolean(),
    extraField: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }),
  })
  .map(({ concepts, unit, entryStyle, eol, hasComments, hasTrailingComma, hasBom, extraField }) => {
    const entries = concepts.map((c, i) => {
      const value = { id: `c${i}`, en: c.en, ...(c.zh !== undefined ? { zh: c.zh } : {}), ...(c.definition !== undefined ? { definition: c.definition } : {}) };
      if (entryStyle === 'multiLine') return JSON.stringify(value, null, unit).split('\n').join(eol + unit + unit);
      return entryStyle === 'spaced' ? JSON.stringify(value).replace(/([:,])(?=["{\[\d-tfn])/g, '$1 ') : JSON.stringify(value);
    });
    const comment = (text: string) => (hasComments ? `${unit}// ${text}${eol}` : '');
    const lines = [
      '{',
      hasComments ? `${unit}/* The house termbase: keep this comment. */` : undefined,
      extraField !== undefined ? `${unit}"description": ${JSON.stringify(JSON.stringify(extraField))},` : undefined,
      `${unit}"concepts": [`,
      `${comment('entries follow')}${entries.map((e) => unit + unit + e).join(`,${eol}`)}${hasTrailingComma && entries.length > 0 ? ',' : ''}`,
      `${unit}]${hasComments ? ' // end of the list' : ''}`,
      '}',
    ].filter((l): l is string => l !== undefined);
    return `${hasBom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
  });

/**
 * "Add term" keeps the user's file: the new entry is one insertion, every
 * other byte stays, and the result loads with the old concepts and the new one.
 */
export function checkAddTerm(text: string, concept: { zh: string; en: string; definition?: string }): void {
  const before = loadTermbaseText(text, 'house.json');
  const outcome = addConceptToTermbaseText(text, concept);
  if (outcome.isAlreadyPresent) return;
  const after = outcome.text;
  let prefix = 0;
  while (prefix < text.length && text[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < text.length - prefix && text[text.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  assert.equal(prefix + suffix, text.length, `add term rewrote the user's text instead of inserting one entry:\n${JSON.stringify(text)}\n→\n${JSON.stringify(after)}`);
  const loaded = loadTermbaseText(after, 'house.json');
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), before.problems.filter((p) => p.severity === 'error'), 'add term introduced an error');
  assert.equal(loaded.concepts.length, before.concepts.length + 1, 'the new concept loads beside the old ones');
  const added = loaded.concepts.find((c) => c.id === outcome.id);
  assert.ok(added, `the new concept "${outcome.id}" loads`);
  assert.equal(added.preferred, concept.en.trim());
}

/** A generated concept: fields from the brief grammar, hostile strings, or empty. */
const conceptArbitrary: fc.Arbitrary<Concept> = fc
  .record({
    id: fc.oneof(fc.constantFrom('a', 'b', 'nswn', '__proto__', 'constructor', ''), hostileText),
    zh: fc.array(fc.oneof(fc.constantFrom('新型举国体制', '举国体制', '现代化产业体系', '两 张皮', '（', ''), hostileText), { maxLength: 2 }),
    zhTraditional: fc.array(hostileText, { maxLength: 1 }),
    preferred: fc.oneof(fc.constantFrom('new-style whole-of-nation system', 'modern industrial base', 'S&T', 'U.S.', 'x', '-', '(', ' '), hostileText),
    admitted: fc.array(fc.oneof(fc.constantFrom('whole-nation system', 'NSWN', 'policy', 'the'), hostileText), { maxLength: 3 }),
    deprecated: fc.array(fc.oneof(fc.constantFrom('new type whole-nation system', 'NWNS', 'a', 'modern industrial base'), hostileText), { maxLength: 3 }),
    acronym: fc.option(fc.oneof(fc.constantFrom('NSWN', 'SOE', 'S&T', 'R&D', 'A', 'NWNS'), hostileText), { nil: undefined }),
    caseSensitive: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((c) => ({ ...c }) as Concept);

function assertProblemsLocated(file: TermbaseFile, text: string, name: string): void {
  // Lines as an editor counts them: LF, CRLF and a lone CR each end one. A column may point at the
  // line's end or into its terminator (an editor shows both at the end of the line), not beyond.
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  if (lines.length === 0 || /[\r\n]$/.test(text)) lines.push('');
  for (const problem of file.problems as TermbaseProblem[]) {
    const at = `${name}: problem ${JSON.stringify(problem.message)}`;
    assert.equal(problem.file, name, `${at} names its file`);
    assert.ok(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lines.length, `${at}: line ${problem.line} outside 1..${lines.length}`);
    const line = lines[problem.line - 1] ?? '';
    const contentLength = line.replace(/\r?\n$|\r$/, '').length;
    const lastColumn = Math.max(line.length, contentLength + 1);
    assert.ok(Number.isInteger(problem.column) && problem.column >= 1 && problem.column <= lastColumn, `${at}: column ${problem.column} outside line ${problem.line} (length ${contentLength})`);
    assert.ok(problem.severity === 'error' || problem.severity === 'warning', `${at}: severity`);
    assert.ok(typeof problem.message === 'string' && problem.message.length > 0, `${at}: message`);
  }
  for (const concept of file.concepts) {
    assert.ok(typeof concept.id === 'string' && concept.id.length > 0, `${name}: a concept without an id`);
    assert.ok(typeof concept.preferred === 'string' && concept.preferred.trim().length > 0, `${name}: concept ${concept.id} without a preferred term`);
    for (const list of [concept.zh, concept.zhTraditional, concept.admitted, concept.deprecated]) {
      assert.ok(Array.isArray(list) && list.every((s) => typeof s === 'string'), `${name}: concept ${concept.id} has a non-string form`);
    }
  }
}

/** Loads any input as a termbase: never throws, problems at file:line:col, valid concepts only, merge and compile still work. */
export function checkTermbaseInput(text: string, name: string): TermbaseFile {
  const file = loadTermbaseText(text, name);
  assertProblemsLocated(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, name);
  const merged = mergeTermbases([file]);
  const compiled = compileTermbase(merged);
  assertAnalysisInvariants('NSWN (新型举国体制) and the modern industrial base.', analyze('NSWN (新型举国体制) and the modern industrial base.', { kind: 'plaintext' }, compiled));
  return file;
}

export const PROPERTIES: readonly NamedProperty[] = [
  {
    id: 'engine/any-string',
    claim: 'analyze never throws on any string, in either kind, and every range lies inside the document',
    defaultRuns: 300,
    build: () =>
      fc.property(anyDocument(), analyzeOptionsExtras, (doc, extras) => {
        analyzeChecked(doc.text, { kind: doc.kind, ...extras });
        return true;
      }),
  },
  {
    id: 'engine/brief-grammar',
    claim: 'analyze never throws on briefs built from realistic pieces and hostile Unicode, and every range lies inside the document',
    defaultRuns: 250,
    build: () =>
      fc.property(documents(), analyzeOptionsExtras, (doc, extras) => {
        analyzeChecked(doc.text, { kind: doc.kind, ...extras });
        return true;
      }),
  },
  {
    id: 'engine/line-ends',
    claim: 'a brief with LF, CRLF or CR line ends gets the same findings at the same places',
    defaultRuns: 150,
    build: () =>
      fc.property(documents(), (doc) => {
        checkLineEnds(doc);
        return true;
      }),
  },
  {
    id: 'engine/random-termbase',
    claim: 'a termbase of arbitrary concepts merges, compiles and analyses any brief without throwing',
    defaultRuns: 100,
    build: () =>
      fc.property(fc.array(fc.array(conceptArbitrary, { maxLength: 5 }), { minLength: 1, maxLength: 3 }), briefDocument(15), (files, doc) => {
        const termbase = mergeTermbases(files.map((concepts, i) => ({ file: `t${i}.json`, concepts, problems: [] })));
        const compiled = compileTermbase(termbase);
        assertAnalysisInvariants(doc.text, analyze(doc.text, { kind: doc.kind }, compiled));
        return true;
      }),
  },
  {
    id: 'fixes/each-alone',
    claim: 'every fix applied alone changes only its ranges, spares code and URLs, and re-analysis no longer reports what it fixed',
    defaultRuns: 100,
    build: () =>
      fc.property(documents(), (doc) => {
        checkEveryFix(doc, false);
        return true;
      }),
  },
  {
    id: 'fixes/fix-all',
    claim: 'fix all changes only its ranges, converges, and a second run changes nothing',
    defaultRuns: 80,
    build: () =>
      fc.property(documents(), (doc) => {
        const options: AnalyzeOptions = { kind: doc.kind };
        const termbase = bundledTermbase();
        const first = fixAllOnce(doc.text, analyze(doc.text, options, termbase));
        assertOnlyEditedRangesChanged(doc.text, first.text, first.edits, 'fix all, first pass');
        const result = fixAllToFixpoint(doc.text, options, termbase);
        assert.ok(
          result.isConverged,
          `fix all keeps changing the text after ${result.passes} passes:\n${result.history.slice(-3).map((t) => JSON.stringify(t)).join('\n')}`,
        );
        const again = fixAllToFixpoint(result.text, options, termbase);
        assert.equal(again.text, result.text, 'fix all is idempotent');
        analyzeChecked(result.text, options);
        return true;
      }),
  },
  {
    id: 'fixes/renumber',
    claim: 'renumbering the notes keeps every note with its marker, loses no note text, touches only markers and the notes list, and renumbering again changes nothing',
    defaultRuns: 150,
    build: () =>
      fc.property(documents(), (doc) => {
        checkRenumber(doc);
        return true;
      }),
  },
  {
    id: 'data/add-term',
    claim: '"add term" inserts one entry into a hand-written JSON termbase, keeps every other byte, and the result loads with the new concept',
    defaultRuns: 300,
    build: () =>
      fc.property(
        handWrittenTermbase,
        fc.record({
          zh: fc.oneof(fc.constantFrom('新质生产力', '现代产业体系', '两 张皮', '未知术语'), fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 })),
          en: fc.oneof(fc.constantFrom('new quality productive forces', 'c0', 'S&T', 'Ünïcödé term'), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0), hostileText.filter((s) => s.trim().length > 0)),
          definition: fc.option(hostileText, { nil: undefined }),
        }),
        (text, concept) => {
          checkAddTerm(text, concept);
          return true;
        },
      ),
  },
  {
    id: 'termbase/loaders',
    claim: 'the JSON, TBX and CSV loaders never throw, report every problem at file:line:col and load only valid concepts',
    defaultRuns: 400,
    build: () =>
      fc.property(termbaseInputs(), ({ text, name }) => {
        checkTermbaseInput(text, name);
        return true;
      }),
  },
];

export function findProperty(id: string): NamedProperty {
  const property = PROPERTIES.find((p) => p.id === id);
  assert.ok(property, `no property ${id}`);
  return property;
}

export interface PropertyOutcome {
  id: string;
  numRuns: number;
  seed: number;
  elapsedMs: number;
  failure?: string;
}

/** Runs a property with fast-check: a fixed number of cases, or as many as fit in `timeLimitMs`. */
export function runProperty(property: NamedProperty, options: { numRuns?: number; timeLimitMs?: number; seed?: number; path?: string }): PropertyOutcome {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const started = performance.now();
  const parameters: fc.Parameters<unknown> = {
    seed,
    numRuns: options.numRuns ?? (options.timeLimitMs ? 1_000_000_000 : property.defaultRuns),
    ...(options.path ? { path: options.path } : {}),
    ...(options.timeLimitMs ? { plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs)] } : {}),
  };
  const details = fc.check(property.build(), parameters);
  const elapsedMs = performance.now() - started;
  const outcome: PropertyOutcome = { id: property.id, numRuns: details.numRuns, seed: details.seed, elapsedMs };
  if (details.failed) {
    const error = details.errorInstance;
    const cause = error instanceof Error ? (error.stack ?? error.message) : error === null || error === undefined ? '' : String(error);
    outcome.failure = `${fc.defaultReportMessage(details) ?? 'failed'}\n${cause}`;
  }
  return outcome;
}
