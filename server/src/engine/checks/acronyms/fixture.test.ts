/**
 * The acronym fixtures (test/fixtures/acronyms.md and .txt): our own text with
 * the brief's acronyms and defects. Every acronym finding is listed here; each
 * fix is applied and the document analysed again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../analyze';
import { applyEdits } from '../../edits';
import { compileTermbase } from '../../match/matcher';
import { mergeTermbases } from '../../termbase/merge';
import { parseJsonTermbase } from '../../termbase/json';
import type { DocumentKind, Finding } from '../../types';
import { assertNoWordLost } from './testSupport';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const termbase = compileTermbase(mergeTermbases([parseJsonTermbase(readFileSync(`${root}terminology/brief.json`, 'utf8'), 'brief.json')]));

function acronymFindings(text: string, kind: DocumentKind): Finding[] {
  return analyze(text, { kind }, termbase).findings.filter((f) => f.rule.startsWith('acronym/'));
}

function described(text: string, kind: DocumentKind): string[] {
  const { document } = analyze(text, { kind }, termbase);
  return acronymFindings(text, kind).map((f) => `${document.lines.positionAt(f.start).line + 1} ${f.rule} ${text.slice(f.start, f.end)}`);
}

const cases: { file: string; kind: DocumentKind; expected: string[]; removed: Record<string, string[]> }[] = [
  {
    file: 'acronyms.md',
    kind: 'markdown',
    expected: [
      '21 acronym/used-before-definition SOE',
      '24 acronym/expansion-mismatch science and technique',
      '26 acronym/undefined WTO',
      '29 acronym/unused CCFEA',
      '32 acronym/redefined Central Statistics Office (CSO',
    ],
    removed: { 'acronym/expansion-mismatch': ['technique'], 'acronym/unused': ['CCFEA'], 'acronym/redefined': ['Statistics'] },
  },
  {
    file: 'acronyms.txt',
    kind: 'plaintext',
    expected: ['11 acronym/unused R&D', '11 acronym/used-before-definition CCFEA', '11 acronym/undefined WTO'],
    removed: { 'acronym/unused': ['R&D'] },
  },
];

for (const { file, kind, expected, removed } of cases) {
  const text = readFileSync(`${root}test/fixtures/${file}`, 'utf8');

  test(`finds exactly the acronym defects of ${file}`, () => {
    assert.deepEqual(described(text, kind), expected);
  });

  test(`fixes each acronym finding of ${file} without losing text`, () => {
    for (const finding of acronymFindings(text, kind)) {
      const fix = finding.fixes?.[0];
      if (!fix) {
        assert.equal(finding.rule, 'acronym/undefined', `only an undefined acronym the termbase does not know lacks a fix: ${finding.message}`);
        continue;
      }
      const fixed = applyEdits(text, fix.edits);
      const after = acronymFindings(fixed, kind).filter((f) => f.rule === finding.rule);
      assert.equal(after.length, acronymFindings(text, kind).filter((f) => f.rule === finding.rule).length - 1, `${finding.rule} fixed: ${finding.message}`);
      assertNoWordLost(text, fixed, removed[finding.rule] ?? []);
    }
  });
}

test('finds the same acronyms with CRLF line ends', () => {
  const text = readFileSync(`${root}test/fixtures/acronyms.txt`, 'utf8');
  const crlf = text.replace(/\n/g, '\r\n');
  assert.deepEqual(described(crlf, 'plaintext'), described(text, 'plaintext'));
});
