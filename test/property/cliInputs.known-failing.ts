/**
 * The CLI given input it cannot use exits 2 with one clear line on stderr and
 * nothing on stdout, and never prints a stack trace unless asked (`--debug`).
 * What test/cli/cli.test.ts does not already cover: `fix` and `extract` on
 * bad files, a FIFO, UTF-16 and binary files, options missing their value, a
 * termbase or config that is a directory, a mix of good and bad files, and a
 * reader that closes the pipe early. (An internal error is no longer
 * reachable from any input we know: the engine falls back to plain text where
 * remark overflows, so `--debug` is left to test/cli.)
 *
 * Budget: about 25 CLI runs (about 10 s).
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from './support/engine';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CLEAN = 'The new-style whole-of-nation system (NSWN, 新型举国体制) shapes policy. The NSWN is new.\n';

let dir = '';

before(() => {
  if (!existsSync(CLI)) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  }
  dir = mkdtempSync(path.join(tmpdir(), 'brieflint-inputs-'));
  writeFileSync(path.join(dir, 'good.md'), CLEAN);
  writeFileSync(path.join(dir, 'latin1.md'), Buffer.from('caf\xe9 NSWN\n', 'latin1'));
  writeFileSync(path.join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The NSWN grew.\n', 'utf16le')]));
  writeFileSync(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0xc0, 0x80]));
  writeFileSync(path.join(dir, 'empty.md'), '');
  mkdirSync(path.join(dir, 'folder.md'));
  const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.md')]);
  assert.equal(fifo.status, 0, 'mkfifo works here');
});

function run(args: string[], timeout = 30_000) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', isTimedOut: result.error?.message.includes('ETIMEDOUT') ?? false };
}

/** Exit 2, exactly one line on stderr matching `message`, nothing on stdout, no stack trace. */
function assertOneLineUsageError(args: string[], message: RegExp, timeout?: number): void {
  const { code, stdout, stderr, isTimedOut } = run(args, timeout);
  const what = `brieflint ${args.join(' ')}`;
  assert.ok(!isTimedOut, `${what} still ran after ${timeout} ms`);
  assert.equal(code, 2, `${what} exits 2 (stderr: ${stderr})`);
  assert.equal(stdout, '', `${what} prints nothing on stdout`);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what} prints one line, not ${JSON.stringify(stderr)}`);
  assert.match(lines[0]!, message, what);
  assert.doesNotMatch(stderr, /^\s+at /m, `${what}: no stack trace`);
}

test('fix and extract refuse a missing file, a directory and a non-UTF-8 file with one line', () => {
  for (const command of ['fix', 'extract']) {
    assertOneLineUsageError([command, 'missing.md'], /missing\.md: file not found/);
    assertOneLineUsageError([command, 'folder.md'], /folder\.md: is a directory/);
    assertOneLineUsageError([command, 'latin1.md'], /latin1\.md: not valid UTF-8/);
  }
});

test('check refuses UTF-16 and binary files with one line', () => {
  assertOneLineUsageError(['check', 'utf16.md'], /utf16\.md: not valid UTF-8/);
  assertOneLineUsageError(['check', 'image.png'], /image\.png: not valid UTF-8/);
});

test('check refuses a FIFO (not a regular file) at once instead of waiting on it', () => {
  assertOneLineUsageError(['check', 'pipe.md'], /pipe\.md: /, 3_000);
});

test('a good file and a bad one: exit 2 naming the bad one', () => {
  assertOneLineUsageError(['check', 'good.md', 'missing.md'], /missing\.md: file not found/);
});

test('an option without its value, and unknown options of every command, exit 2 with one line', () => {
  assertOneLineUsageError(['check', 'good.md', '--format'], /--format needs a value/);
  assertOneLineUsageError(['check', 'good.md', '--termbase'], /--termbase needs a value/);
  assertOneLineUsageError(['check', 'good.md', '--config'], /--config needs a value/);
  assertOneLineUsageError(['fix', 'good.md', '--rule'], /--rule needs a value/);
  assertOneLineUsageError(['fix', '--frobnicate', 'good.md'], /unknown option "--frobnicate"/);
  assertOneLineUsageError(['extract', '-x', 'good.md'], /unknown option "-x"/);
  assertOneLineUsageError(['fix', 'good.md', 'empty.md'], /fix takes exactly one file/);
});

test('a termbase or config that is a directory or missing exits 2 with one line', () => {
  assertOneLineUsageError(['check', '--termbase', 'folder.md', 'good.md'], /termbase failed to load: folder\.md:1:1: error: cannot read termbase: is a directory/);
  assertOneLineUsageError(['check', '--termbase', 'nowhere.json', 'good.md'], /nowhere\.json:1:1: error: cannot read termbase: file not found/);
  assertOneLineUsageError(['check', '--config', 'nowhere.json', 'good.md'], /config file not found: nowhere\.json/);
  const config = run(['check', '--config', 'folder.md', 'good.md']);
  assert.ok(config.code === 2 || config.code === 0, `a config that is a directory is refused or reported (exit ${config.code})`);
  assert.doesNotMatch(config.stderr, /^\s+at /m, 'no stack trace');
});

test('an empty file is fine', () => {
  const { code, stdout } = run(['check', 'empty.md']);
  assert.equal(code, 0);
  assert.match(stdout, /no problems in 1 file/);
});

test('a reader that closes the pipe early gets no stack trace', () => {
  writeFileSync(path.join(dir, 'long.md'), 'The NWNS grew.\n'.repeat(20_000));
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check long.md | head -n 1`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.stdout.split('\n').length, 2, 'head printed one line');
  assert.doesNotMatch(result.stderr, /EPIPE|^\s+at /m, `stderr: ${result.stderr.slice(0, 500)}`);
});
