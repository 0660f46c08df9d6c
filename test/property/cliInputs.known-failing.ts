/**
 * Known failing (held out of `npm test` until fixed; run it with
 * `node --import tsx --test test/property/cliInputs.known-failing.ts`):
 * - `brieflint check` on a FIFO waits on it for ever instead of refusing a
 *   file that is not a regular file;
 * - `brieflint check … | head -n 1` ends with an unhandled EPIPE and its stack.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, assertOneLineUsageError, makeCliScratch } from './support/cli';

let dir = '';

before(() => {
  dir = makeCliScratch();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('check refuses a FIFO (not a regular file) at once instead of waiting on it', () => {
  assertOneLineUsageError(dir, ['check', 'pipe.md'], /pipe\.md: /, 3_000);
});

test('a reader that closes the pipe early gets no stack trace', () => {
  writeFileSync(path.join(dir, 'long.md'), 'The NWNS grew.\n'.repeat(20_000));
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check long.md | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.stdout.split('\n').length, 2, 'head printed one line');
  assert.doesNotMatch(result.stderr, /EPIPE|^\s+at /m, `stderr: ${result.stderr.slice(0, 500)}`);
});
