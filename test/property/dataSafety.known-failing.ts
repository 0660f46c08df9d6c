/**
 * Known failing (held out of `npm test` until fixed; run it with
 * `node --import tsx --test test/property/dataSafety.known-failing.ts`):
 * - "add term" drops a comment written inside an empty concepts list;
 * - "add term" refuses a termbase that starts with a byte order mark, which
 *   the loader reads fine;
 * - writeFileAtomic replaces a symbolic link with a regular file: the shared
 *   termbase it pointed to is not updated.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../server/src/node/files';
import { addConceptToTermbaseText } from '../../server/src/lsp/addTerm';
import { checkAddTerm, findProperty } from './support/properties';
import { checkProperty } from './support/runner';

const scratchDirs: string[] = [];

function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brieflint-safety-'));
  scratchDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

test(findProperty('data/add-term').claim, (t) => checkProperty(t, findProperty('data/add-term')));

test('"add term" keeps a comment inside an empty concepts list', () => {
  // Minimised by fast-check from the add-term property.
  const text = '{"concepts": [ /* keep */ ]}';
  checkAddTerm(text, { zh: '新质生产力', en: 'new quality productive forces' });
});

test('"add term" accepts a termbase that starts with a byte order mark, as the loader does', () => {
  // Minimised by fast-check from the add-term property: the loader reads this file, so adding to it must work.
  const text = '\ufeff{"concepts": []}\n';
  const outcome = addConceptToTermbaseText(text, { zh: '新质生产力', en: 'new quality productive forces' });
  assert.equal(outcome.isAlreadyPresent, false);
  checkAddTerm(text, { zh: '新质生产力', en: 'new quality productive forces' });
});

test('writing through a symbolic link updates the file it points to and keeps the link', () => {
  const dir = scratchDir();
  mkdirSync(path.join(dir, 'shared'));
  const real = path.join(dir, 'shared', 'house.json');
  const link = path.join(dir, 'terms.json');
  writeFileSync(real, 'old');
  symlinkSync(real, link);
  writeFileAtomic(link, 'new', 'old');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(link), real);
  assert.equal(readFileSync(real, 'utf8'), 'new', 'the shared file was updated');
});
