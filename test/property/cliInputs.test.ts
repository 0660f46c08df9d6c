/**
 * The CLI given input it cannot use exits 2 with one clear line on stderr and
 * nothing on stdout, and never prints a stack trace unless asked (`--debug`).
 * What test/cli/cli.test.ts does not already cover: `fix` and `extract` on
 * bad files, UTF-16 and binary files, options missing their value, a termbase
 * or config that is a directory, a mix of good and bad files, a FIFO (refused
 * at once, not waited on), and a reader that closes the pipe early (no stack
 * trace).
 *
 * Budget: about 22 CLI runs (about 9 s).
 */
import { test, before, after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { CLI, assertOneLineUsageError, makeCliScratch, runCli } from './support/cli';

let dir = '';

before(() => {
  dir = makeCliScratch();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('fix and extract refuse a missing file, a directory and a non-UTF-8 file with one line', () => {
  for (const command of ['fix', 'extract']) {
    assertOneLineUsageError(dir, [command, 'missing.md'], /missing\.md: file not found/);
    assertOneLineUsageError(dir, [command, 'folder.md'], /folder\.md: is a directory/);
    assertOneLineUsageError(dir, [command, 'latin1.md'], /latin1\.md: not valid UTF-8/);
  }
});

test('check refuses UTF-16 and binary files with one line', () => {
  assertOneLineUsageError(dir, ['check', 'utf16.md'], /utf16\.md: not valid UTF-8/);
  assertOneLineUsageError(dir, ['check', 'image.png'], /image\.png: not valid UTF-8/);
});

test('a good file and a bad one: exit 2 naming the bad one', () => {
  assertOneLineUsageError(dir, ['check', 'good.md', 'missing.md'], /missing\.md: file not found/);
});

test('an option without its value, and unknown options of every command, exit 2 with one line', () => {
  assertOneLineUsageError(dir, ['check', 'good.md', '--format'], /--format needs a value/);
  assertOneLineUsageError(dir, ['check', 'good.md', '--termbase'], /--termbase needs a value/);
  assertOneLineUsageError(dir, ['check', 'good.md', '--config'], /--config needs a value/);
  assertOneLineUsageError(dir, ['fix', 'good.md', '--rule'], /--rule needs a value/);
  assertOneLineUsageError(dir, ['fix', '--frobnicate', 'good.md'], /unknown option "--frobnicate"/);
  assertOneLineUsageError(dir, ['extract', '-x', 'good.md'], /unknown option "-x"/);
  assertOneLineUsageError(dir, ['fix', 'good.md', 'empty.md'], /fix takes exactly one file/);
});

test('a termbase or config that is a directory or missing exits 2 with one line', () => {
  assertOneLineUsageError(dir, ['check', '--termbase', 'folder.md', 'good.md'], /termbase failed to load: folder\.md:1:1: error: cannot read termbase: is a directory/);
  assertOneLineUsageError(dir, ['check', '--termbase', 'nowhere.json', 'good.md'], /nowhere\.json:1:1: error: cannot read termbase: file not found/);
  assertOneLineUsageError(dir, ['check', '--config', 'nowhere.json', 'good.md'], /config file not found: nowhere\.json/);
  const config = runCli(dir, ['check', '--config', 'folder.md', 'good.md']);
  assert.ok(config.code === 2 || config.code === 0, `a config that is a directory is refused or reported (exit ${config.code})`);
  assert.doesNotMatch(config.stderr, /^\s+at /m, 'no stack trace');
});

test('an empty file is fine', () => {
  const { code, stdout } = runCli(dir, ['check', 'empty.md']);
  assert.equal(code, 0);
  assert.match(stdout, /no problems in 1 file/);
});

test('check refuses a FIFO (not a regular file) at once instead of waiting on it', () => {
  assertOneLineUsageError(dir, ['check', 'pipe.md'], /pipe\.md: /, 3_000);
});

test('a reader that closes the pipe early gets no stack trace', () => {
  writeFileSync(path.join(dir, 'long.md'), 'The NWNS grew.\n'.repeat(20_000));
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check long.md | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.stdout.split('\n').length, 2, 'head printed one line');
  assert.doesNotMatch(result.stderr, /EPIPE|^\s+at /m, `stderr: ${result.stderr.slice(0, 500)}`);
});
