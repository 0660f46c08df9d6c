/**
 * The oracles the engine properties share: the bundled termbase compiled once,
 * the invariants every analysis must hold, an independent check of what a fix
 * may change, and offset mapping through edits. Each check throws an
 * AssertionError that names the input, so fast-check can shrink it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  RULES,
  SEVERITIES,
  analyze,
  applyEdits,
  compileTermbase,
  loadTermbaseText,
  mergeTermbases,
  type Analysis,
  type AnalyzeOptions,
  type CompiledTermbase,
  type DocumentKind,
  type Finding,
  type Fix,
  type TextEdit,
} from '../../../server/src/engine/index';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

let bundled: CompiledTermbase | undefined;

/** The bundled termbase (terminology/brief.json), loaded, merged and compiled once per process. */
export function bundledTermbase(): CompiledTermbase {
  if (!bundled) {
    const file = path.join(ROOT, 'terminology', 'brief.json');
    const loaded = loadTermbaseText(readFileSync(file, 'utf8'), file);
    assert.equal(loaded.problems.filter((p) => p.severity === 'error').length, 0, 'the bundled termbase loads cleanly');
    bundled = compileTermbase(mergeTermbases([loaded]));
  }
  return bundled;
}

const RULE_IDS = new Set(RULES.map((rule) => rule.id));

/** Rules reported from outside the engine's static list (none today; the server adds workspace findings itself). */
const EXTRA_RULES = new Set<string>();

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair: a range there cuts a character in two. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

function isRangeInside(text: string, start: unknown, end: unknown): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) <= (end as number) && (end as number) <= text.length;
}

const SUSPECT_MESSAGE = /\bundefined\b|\bNaN\b|\[object Object\]/;

/** Short description of where a finding sits, for assertion messages. */
export function describeFinding(text: string, finding: Finding): string {
  const excerpt = JSON.stringify(text.slice(Math.max(0, finding.start), Math.min(text.length, finding.end)).slice(0, 80));
  return `${finding.rule} [${finding.start}, ${finding.end}) ${excerpt}: ${JSON.stringify(finding.message)}`;
}

/**
 * Checks that a list of edits is well formed for `text`: each inside the text,
 * none cutting a surrogate pair, no two overlapping (applyEdits would silently
 * drop one of them, and with it part of the fix).
 */
export function assertEditsWellFormed(text: string, edits: readonly TextEdit[], where: string): void {
  assert.ok(edits.length > 0, `${where}: a fix with no edits`);
  for (const edit of edits) {
    assert.ok(isRangeInside(text, edit.start, edit.end), `${where}: edit [${edit.start}, ${edit.end}) lies outside the document (length ${text.length})`);
    assert.equal(typeof edit.newText, 'string', `${where}: edit newText is a string`);
    assert.ok(!splitsSurrogatePair(text, edit.start) && !splitsSurrogatePair(text, edit.end), `${where}: edit [${edit.start}, ${edit.end}) cuts a surrogate pair in two`);
  }
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const isOverlap = current.start < previous.end || (current.start === previous.start && previous.start === previous.end && current.start === current.end);
    assert.ok(!isOverlap, `${where}: edits [${previous.start}, ${previous.end}) and [${current.start}, ${current.end}) overlap`);
  }
}

/**
 * The invariants of any analysis of any text: every finding names a known
 * rule and severity, has a readable message, and every range (finding,
 * related, edit) lies inside the document without cutting a character.
 */
export function assertAnalysisInvariants(text: string, analysis: Analysis): void {
  assert.equal(analysis.document.text, text, 'the model holds the text it was given');
  const isTextSuspect = SUSPECT_MESSAGE.test(text);
  for (const finding of analysis.findings) {
    const where = describeFinding(text, finding);
    assert.ok(RULE_IDS.has(finding.rule) || EXTRA_RULES.has(finding.rule), `${where}: unknown rule id`);
    assert.ok(SEVERITIES.includes(finding.severity), `${where}: unknown severity ${String(finding.severity)}`);
    assert.ok(typeof finding.message === 'string' && finding.message.trim().length > 0, `${where}: empty message`);
    if (!isTextSuspect) assert.doesNotMatch(finding.message, SUSPECT_MESSAGE, `${where}: the message shows a missing value`);
    assert.ok(isRangeInside(text, finding.start, finding.end), `${where}: range outside the document (length ${text.length})`);
    assert.ok(!splitsSurrogatePair(text, finding.start) && !splitsSurrogatePair(text, finding.end), `${where}: range cuts a surrogate pair in two`);
    for (const related of finding.related ?? []) {
      assert.ok(isRangeInside(text, related.start, related.end), `${where}: related range [${related.start}, ${related.end}) outside the document`);
      assert.ok(typeof related.message === 'string' && related.message.length > 0, `${where}: related location without a message`);
    }
    for (const fix of finding.fixes ?? []) {
      assert.ok(typeof fix.title === 'string' && fix.title.trim().length > 0, `${where}: a fix without a title`);
      if (!isTextSuspect) assert.doesNotMatch(fix.title, SUSPECT_MESSAGE, `${where}: fix title ${JSON.stringify(fix.title)} shows a missing value`);
      assertEditsWellFormed(text, fix.edits, `${where}, fix ${JSON.stringify(fix.title)}`);
    }
    // Findings travel as Diagnostic.data and JSON: they must serialise.
    assert.doesNotThrow(() => JSON.stringify(finding), `${where}: not JSON-serialisable`);
  }
  for (let i = 1; i < analysis.findings.length; i++) {
    const a = analysis.findings[i - 1]!;
    const b = analysis.findings[i]!;
    assert.ok(a.start < b.start || (a.start === b.start && a.end <= b.end), 'findings are sorted by position');
  }
}

/** Analyses, checking the invariants; a throw is reported with the input. */
export function analyzeChecked(text: string, options: AnalyzeOptions, termbase: CompiledTermbase = bundledTermbase()): Analysis {
  const analysis = analyze(text, options, termbase);
  assertAnalysisInvariants(text, analysis);
  return analysis;
}

/**
 * Independent oracle for a set of edits: the text outside the edits' ranges
 * must come through byte for byte, in order, and each edit's range must hold
 * exactly its newText. Computed from the edits, not from applyEdits.
 */
export function assertOnlyEditedRangesChanged(before: string, after: string, edits: readonly TextEdit[], where: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let cursorBefore = 0;
  let cursorAfter = 0;
  for (const edit of sorted) {
    const kept = before.slice(cursorBefore, edit.start);
    assert.equal(after.slice(cursorAfter, cursorAfter + kept.length), kept, `${where}: text before offset ${edit.start} changed`);
    cursorAfter += kept.length;
    assert.equal(after.slice(cursorAfter, cursorAfter + edit.newText.length), edit.newText, `${where}: the edit at ${edit.start} did not write its newText`);
    cursorAfter += edit.newText.length;
    cursorBefore = edit.end;
  }
  const tail = before.slice(cursorBefore);
  assert.equal(after.slice(cursorAfter), tail, `${where}: text after the last edit changed`);
  assert.equal(after.length, cursorAfter + tail.length, `${where}: length mismatch`);
}

/**
 * Maps an offset of the text before the edits to the text after. An offset
 * inside an edited range maps to the edit's start (`side: 'start'`) or the
 * end of its new text (`side: 'end'`); an insertion at the offset itself lies
 * after a start and before an end, so the mapped range covers the new text.
 */
export function mapOffset(edits: readonly TextEdit[], offset: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start === edit.end && edit.start === offset) {
      if (side === 'start') break;
      delta += edit.newText.length;
      continue;
    }
    if (edit.end <= offset) {
      delta += edit.newText.length - (edit.end - edit.start);
      continue;
    }
    if (edit.start < offset) return side === 'start' ? edit.start + delta : edit.start + delta + edit.newText.length;
    break;
  }
  return offset + delta;
}

function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aStart === aEnd || bStart === bEnd) return aStart <= bEnd && bStart <= aEnd;
  return aStart < bEnd && bStart < aEnd;
}

/** The findings of `rule` in `after` that sit where `finding` was, mapped through the fix's edits. */
export function findingsAtFixedPlace(finding: Finding, fix: Fix, after: Analysis): Finding[] {
  const start = mapOffset(fix.edits, finding.start, 'start');
  const end = Math.max(start, mapOffset(fix.edits, finding.end, 'end'));
  return after.findings.filter((f) => f.rule === finding.rule && overlaps(f.start, f.end, start, end));
}

/**
 * The fix a "fix all" takes for a finding: its preferred fix, or its only one
 * (as the CLI's `fix` and the editor's source.fixAll do).
 */
export function chosenFix(finding: Finding): Fix | undefined {
  if (!finding.fixes?.length) return undefined;
  return finding.fixes.find((f) => f.isPreferred) ?? (finding.fixes.length === 1 ? finding.fixes[0] : undefined);
}

/**
 * One pass of "fix all", as the CLI's `fix` does it: findings in order, the
 * chosen fix of each, skipping a fix whose first edit starts before the end of
 * the last one taken (the next pass sees fresh findings).
 */
export function fixAllOnce(text: string, analysis: Analysis): { text: string; edits: TextEdit[]; fixes: { finding: Finding; fix: Fix }[] } {
  let taken = -1;
  const edits: TextEdit[] = [];
  const fixes: { finding: Finding; fix: Fix }[] = [];
  for (const finding of analysis.findings) {
    const fix = chosenFix(finding);
    if (!fix || fix.edits.length === 0) continue;
    const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
    if (sorted[0]!.start < taken) continue;
    taken = Math.max(...sorted.map((e) => e.end));
    edits.push(...sorted);
    fixes.push({ finding, fix });
  }
  return { text: applyEdits(text, edits), edits, fixes };
}

/** "Fix all" repeated until nothing changes; `passes` is how many changed the text. */
export function fixAllToFixpoint(text: string, options: AnalyzeOptions, termbase: CompiledTermbase, maxPasses = 8): { text: string; passes: number; isConverged: boolean; history: string[] } {
  let current = text;
  const history = [text];
  for (let pass = 0; pass < maxPasses; pass++) {
    const analysis = analyze(current, options, termbase);
    const next = fixAllOnce(current, analysis).text;
    if (next === current) return { text: current, passes: pass, isConverged: true, history };
    current = next;
    history.push(current);
  }
  return { text: current, passes: maxPasses, isConverged: false, history };
}

export const KINDS: readonly DocumentKind[] = ['markdown', 'plaintext'];

/** CPU time (user + system, all threads) spent running `action`, in milliseconds: steadier than wall time on a busy machine. */
export function cpuTimeOf(action: () => void): number {
  const before = process.cpuUsage();
  action();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
