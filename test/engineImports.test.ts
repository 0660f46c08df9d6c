import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ENGINE = join(__dirname, '..', 'server', 'src', 'engine');
const FORBIDDEN = /^(?:vscode|vscode-languageserver.*|vscode-languageclient.*|node:fs.*|fs|fs\/promises|node:child_process|child_process)$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\W)(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function engineSources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) engineSources(full, out);
    // Tests may read fixtures from disk; the engine's own modules may not.
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

export function forbiddenImports(source: string): string[] {
  const found: string[] = [];
  IMPORT.lastIndex = 0;
  for (let m = IMPORT.exec(source); m; m = IMPORT.exec(source)) {
    const specifier = m[1] ?? m[2]!;
    if (FORBIDDEN.test(specifier)) found.push(specifier);
  }
  return found;
}

test('the guard recognises editor and file-system imports', () => {
  assert.deepEqual(forbiddenImports("import * as fs from 'node:fs';\nimport { x } from 'vscode-languageserver/node';"), ['node:fs', 'vscode-languageserver/node']);
  assert.deepEqual(forbiddenImports("const v = require('vscode');"), ['vscode']);
  assert.deepEqual(forbiddenImports("import { analyze } from './analyze';\nimport remarkParse from 'remark-parse';"), []);
});

test('no engine module imports vscode, vscode-languageserver or node:fs', () => {
  const files = engineSources(ENGINE);
  assert.ok(files.length > 10, 'the engine sources were found');
  const offenders = files.flatMap((file) => forbiddenImports(readFileSync(file, 'utf8')).map((s) => `${relative(ENGINE, file)} imports ${s}`));
  assert.deepEqual(offenders, []);
});
