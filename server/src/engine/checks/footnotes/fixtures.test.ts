/**
 * Fixture documents under test/fixtures/footnotes, with their expected footnote
 * findings in `<name>.expected.txt` and, where the notes can be renumbered, the
 * renumbered text in `<name>.renumbered.<ext>`. Regenerate with
 * `BRIEFLINT_UPDATE_FIXTURES=1 node --import tsx --test server/src/engine/checks/footnotes/fixtures.test.ts`
 * and review the diff.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentKindOf } from '../../document/index';
import { LineIndex } from '../../lineIndex';
import type { Finding } from '../../types';
import { apply, indexOf, lint } from './testKit';

const FIXTURES = fileURLToPath(new URL('../../../../../test/fixtures/footnotes/', import.meta.url));
const isUpdating = process.env.BRIEFLINT_UPDATE_FIXTURES === '1';

function format(text: string, findings: Finding[]): string {
  const lines = new LineIndex(text);
  return findings
    .map((f) => {
      const { line, character } = lines.positionAt(f.start);
      return `${line + 1}:${character + 1} ${f.severity} ${f.rule} ${f.message}${f.fixes?.length ? `  [fix: ${f.fixes.map((x) => x.title).join('; ')}]` : ''}`;
    })
    .join('\n');
}

function golden(path: string, actual: string) {
  if (isUpdating) {
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `${path} exists (run with BRIEFLINT_UPDATE_FIXTURES=1 to create it)`);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

const documents = readdirSync(FIXTURES).filter((name) => /\.(?:txt|md)$/.test(name) && !/\.(?:expected|renumbered)\./.test(name));

test('the fixture folder has documents to check', () => {
  assert.ok(documents.length >= 4);
  const stems = documents.map((name) => name.replace(/\.\w+$/, ''));
  assert.equal(new Set(stems).size, stems.length, 'each document has its own expected file');
});

for (const name of documents) {
  test(`${name}: footnote findings match ${name.replace(/\.\w+$/, '')}.expected.txt`, () => {
    const text = readFileSync(FIXTURES + name, 'utf8');
    const kind = documentKindOf(name);
    golden(FIXTURES + name.replace(/\.\w+$/, '.expected.txt'), format(text, lint(text, kind)) + '\n');
  });

  test(`${name}: renumbering, when offered, matches the golden text and leaves no numbering finding`, () => {
    const text = readFileSync(FIXTURES + name, 'utf8');
    const kind = documentKindOf(name);
    const renumberedPath = FIXTURES + name.replace(/\.(\w+)$/, '.renumbered.$1');
    const fix = indexOf(text, kind).renumber();
    if (!fix) {
      if (isUpdating) rmSync(renumberedPath, { force: true });
      assert.ok(!existsSync(renumberedPath), `${name} has a renumbered golden but no renumber fix`);
      return;
    }
    const renumbered = apply(text, fix);
    golden(renumberedPath, renumbered);
    const after = lint(renumbered, kind).filter((f) => ['footnote/order', 'footnote/gap'].includes(f.rule));
    assert.deepEqual(after, []);
    assert.equal(indexOf(renumbered, kind).renumber(), undefined, 'renumbering twice changes nothing');
  });
}
