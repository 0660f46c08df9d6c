import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConcurrentEditError, loadConfigFile, readTermbaseFile, resolveWriteTarget, writeFileAtomic } from './files';

const scratchDirs: string[] = [];

function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brieflint-files-'));
  scratchDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function makeFifo(file: string): void {
  assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo works here');
}

test('writeFileAtomic on a regular file leaves a regular file with the new text', () => {
  const dir = scratchDir();
  const file = path.join(dir, 'terms.json');
  writeFileSync(file, 'old');
  writeFileAtomic(file, 'new', 'old');
  assert.ok(lstatSync(file).isFile());
  assert.equal(readFileSync(file, 'utf8'), 'new');
  assert.deepEqual(readdirSync(dir), ['terms.json']);
});

test('writeFileAtomic through a relative link updates the target, keeps the link and leaves no temporary file in either folder', () => {
  const dir = scratchDir();
  mkdirSync(path.join(dir, 'shared'));
  mkdirSync(path.join(dir, 'briefs'));
  const real = path.join(dir, 'shared', 'house.json');
  const link = path.join(dir, 'briefs', 'terms.json');
  writeFileSync(real, 'old');
  symlinkSync(path.join('..', 'shared', 'house.json'), link);
  writeFileAtomic(link, 'new', 'old');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), path.join('..', 'shared', 'house.json'), 'the link text is unchanged');
  assert.equal(readFileSync(real, 'utf8'), 'new');
  assert.deepEqual(readdirSync(path.join(dir, 'shared')), ['house.json']);
  assert.deepEqual(readdirSync(path.join(dir, 'briefs')), ['terms.json']);
});

test('writeFileAtomic follows a chain of links and a linked folder to the real file, keeping its mode', () => {
  const dir = scratchDir();
  mkdirSync(path.join(dir, 'real'));
  const real = path.join(dir, 'real', 'house.json');
  writeFileSync(real, 'old', { mode: 0o640 });
  symlinkSync(path.join(dir, 'real'), path.join(dir, 'folder-link'));
  symlinkSync(path.join(dir, 'folder-link', 'house.json'), path.join(dir, 'first.json'));
  symlinkSync('first.json', path.join(dir, 'second.json'));
  assert.equal(resolveWriteTarget(path.join(dir, 'second.json')), real);
  writeFileAtomic(path.join(dir, 'second.json'), 'new');
  assert.ok(lstatSync(path.join(dir, 'second.json')).isSymbolicLink());
  assert.ok(lstatSync(path.join(dir, 'first.json')).isSymbolicLink());
  assert.equal(readFileSync(real, 'utf8'), 'new');
  assert.equal(statSync(real).mode & 0o777, 0o640);
});

test('writeFileAtomic through a dangling link creates the file it points to', () => {
  const dir = scratchDir();
  const link = path.join(dir, 'terms.json');
  symlinkSync('house.json', link);
  writeFileAtomic(link, 'new', '');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(path.join(dir, 'house.json'), 'utf8'), 'new');
});

test('writeFileAtomic through a link still refuses a target changed since it was read', () => {
  const dir = scratchDir();
  const real = path.join(dir, 'house.json');
  const link = path.join(dir, 'terms.json');
  writeFileSync(real, 'edited by someone else');
  symlinkSync(real, link);
  assert.throws(() => writeFileAtomic(link, 'ours', 'what we read'), ConcurrentEditError);
  assert.equal(readFileSync(real, 'utf8'), 'edited by someone else');
  assert.ok(lstatSync(link).isSymbolicLink());
});

test('writeFileAtomic refuses a loop of links instead of replacing one with a file', () => {
  const dir = scratchDir();
  symlinkSync('b.json', path.join(dir, 'a.json'));
  symlinkSync('a.json', path.join(dir, 'b.json'));
  assert.throws(() => writeFileAtomic(path.join(dir, 'a.json'), 'new'), /too many levels of symbolic links/);
  assert.ok(lstatSync(path.join(dir, 'a.json')).isSymbolicLink());
  assert.deepEqual(readdirSync(dir).sort(), ['a.json', 'b.json']);
});

test('a termbase or config that is a named pipe is reported at once instead of read', () => {
  const dir = scratchDir();
  const pipe = path.join(dir, 'terms.json');
  makeFifo(pipe);
  // Reading the pipe would wait for a writer for ever; the test would time out.
  const termbase = readTermbaseFile(pipe);
  assert.equal(termbase.isUnusable, true);
  assert.equal(termbase.problems[0]?.message, 'cannot read termbase: not a regular file (a named pipe)');
  const config = loadConfigFile(pipe);
  assert.equal(config.problems[0]?.message, 'cannot read config: not a regular file (a named pipe)');
});

test('a termbase that is a regular file or a directory is read or reported as before', () => {
  const dir = scratchDir();
  writeFileSync(path.join(dir, 'terms.json'), '{"concepts": [{"id": "a", "en": "alpha"}]}');
  assert.equal(readTermbaseFile(path.join(dir, 'terms.json')).concepts.length, 1);
  assert.equal(readTermbaseFile(dir).problems[0]?.message, 'cannot read termbase: is a directory');
});
