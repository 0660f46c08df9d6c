/**
 * The engine on the real brief the product is built from (read-only, outside the
 * repository) with the bundled termbase: it must find the brief's term defects
 * and raise nothing else. Skipped when the brief is not checked out beside us.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, type Analysis } from '../server/src/engine/analyze';
import { compileTermbase } from '../server/src/engine/match/matcher';
import { parseJsonTermbase } from '../server/src/engine/termbase/json';
import { mergeTermbases } from '../server/src/engine/termbase/merge';
import type { Finding } from '../server/src/engine/types';

const BRIEF = path.join(__dirname, '..', '..', 'shared', 'brief', 'whole-of-nation-innovation.txt');
const TERMBASE = path.join(__dirname, '..', 'terminology', 'brief.json');
const skip = existsSync(BRIEF) ? false : `the brief is absent (${BRIEF})`;

let cached: { text: string; analysis: Analysis } | undefined;
/** Analyses the brief once for every test in this file. */
function briefAnalysis(): { text: string; analysis: Analysis } {
  if (!cached) {
    const termbaseFile = parseJsonTermbase(readFileSync(TERMBASE, 'utf8'), 'terminology/brief.json');
    const compiled = compileTermbase(mergeTermbases([termbaseFile]));
    const text = readFileSync(BRIEF, 'utf8');
    cached = { text, analysis: analyze(text, { kind: 'plaintext' }, compiled) };
  }
  return cached;
}

const termFindings = (analysis: Analysis): Finding[] => analysis.findings.filter((f) => f.rule.startsWith('term/'));
const conceptId = (analysis: Analysis, concept: number) => analysis.context.termbase.concepts[concept]!.id;

test('the bundled termbase loads without problems', () => {
  const termbaseFile = parseJsonTermbase(readFileSync(TERMBASE, 'utf8'), 'terminology/brief.json');
  assert.deepEqual(termbaseFile.problems, []);
  const merged = mergeTermbases([termbaseFile]);
  assert.deepEqual(merged.problems, []);
  assert.ok(merged.concepts.length >= 30);
});

test('reports "NWNS" as a near-miss of "NSWN", with a fix', { skip }, () => {
  const { text, analysis } = briefAnalysis();
  const nearMisses = analysis.findings.filter((f) => f.rule === 'term/near-miss' && text.slice(f.start, f.end) === 'NWNS');
  assert.equal(nearMisses.length, 1, 'the brief writes NWNS once');
  const finding = nearMisses[0]!;
  assert.equal(finding.start, text.indexOf('NWNS'));
  assert.match(finding.message, /"NWNS".*"NSWN"/);
  assert.equal(finding.data?.expected, 'NSWN');
  assert.deepEqual(finding.fixes?.map((f) => f.edits), [[{ start: finding.start, end: finding.end, newText: 'NSWN' }]]);
});

test('matches both 现代产业体系 and 现代化产业体系 to their own concepts and reports neither as a mismatch', { skip }, () => {
  const { text, analysis } = briefAnalysis();
  const hanzi = analysis.context.terms.matches
    .filter((m) => m.form.kind === 'zh' && !analysis.document.runs[m.run]!.isInNotes)
    .map((m) => [text.slice(m.start, m.end).replace(/\s+/g, ''), conceptId(analysis, m.concept)]);
  assert.ok(hanzi.some(([zh, id]) => zh === '现代产业体系' && id === 'modern-industrial-base'), '现代产业体系 is matched');
  assert.ok(hanzi.some(([zh, id]) => zh === '现代化产业体系' && id === 'modernized-industrial-base'), '现代 化产业体系 (split by a space) is matched');
  const mismatches = analysis.findings.filter((f) => f.rule === 'term/mismatch').map((f) => text.slice(f.start, f.end));
  assert.deepEqual(mismatches, []);
});

test('matches the extraction\'s split hanzi and glued words', { skip }, () => {
  const { text, analysis } = briefAnalysis();
  const found = new Set(analysis.context.terms.matches.map((m) => `${conceptId(analysis, m.concept)}=${text.slice(m.start, m.end)}`));
  assert.ok(found.has('two-layers-problem=两 张皮'));
  assert.ok(found.has('self-reliance-self-empowerment=自 立自强'));
  assert.ok(found.has('soe=stateowned enterprises'));
});

test('raises no term/deprecated, term/inconsistent or term/unknown-zh alarm', { skip }, () => {
  const { text, analysis } = briefAnalysis();
  const alarms = analysis.findings
    .filter((f) => ['term/deprecated', 'term/inconsistent', 'term/unknown-zh'].includes(f.rule))
    .map((f) => `${analysis.document.lines.positionAt(f.start).line + 1}: ${f.rule} ${text.slice(f.start, f.end)}`);
  assert.deepEqual(alarms, []);
});

test('the only term finding in the brief is NWNS', { skip }, () => {
  const { text, analysis } = briefAnalysis();
  assert.deepEqual(termFindings(analysis).map((f) => [f.rule, text.slice(f.start, f.end)]), [['term/near-miss', 'NWNS']]);
});

test('finds the brief\'s Endnotes section and the terms cited in it', { skip }, () => {
  const { analysis } = briefAnalysis();
  assert.equal(analysis.document.notesSection?.heading.text, 'Endnotes');
  assert.ok(analysis.context.terms.matches.some((m) => analysis.document.runs[m.run]!.isInNotes), 'the notes cite terms too');
});
