/**
 * An untrusted workspace runs no code: nothing in our sources or bundles loads
 * or evaluates code chosen at run time. The sources (server/src, client/src)
 * and the built bundles (dist/server.js, dist/cli.js, dist/client.js, and an
 * unminified build of the same entries, whose module banners tell which
 * dependency a call comes from) are parsed with the TypeScript compiler and
 * every call is inspected: `eval`,
 * `Function`, the `vm` module, `require`/`import()` of a non-literal path,
 * `createRequire`, `process.dlopen`/`process.binding`. The only dynamic loading
 * allowed is none.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import { ROOT } from './support/engine';

interface Offence {
  file: string;
  line: number;
  what: string;
  /** The bundled module the code comes from (esbuild's `// node_modules/…` banner), for bundles. */
  module?: string;
}

const VM_MODULES = new Set(['vm', 'node:vm']);
const PROCESS_MODULES = new Set(['child_process', 'node:child_process', 'worker_threads', 'node:worker_threads']);

function isStringLiteral(node: ts.Node | undefined): boolean {
  return !!node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current)) current = current.expression;
    else if (ts.isBinaryExpression(current) && current.operatorToken.kind === ts.SyntaxKind.CommaToken) current = current.right;
    else if (ts.isAsExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
    else return current;
  }
}

function calleeName(expression: ts.Expression): string | undefined {
  const callee = unwrap(expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) {
    const object = unwrap(callee.expression);
    const owner = ts.isIdentifier(object) ? object.text : ts.isPropertyAccessExpression(object) ? object.name.text : '?';
    return `${owner}.${callee.name.text}`;
  }
  if (ts.isElementAccessExpression(callee) && isStringLiteral(callee.argumentExpression)) {
    const object = unwrap(callee.expression);
    return `${ts.isIdentifier(object) ? object.text : '?'}.${(callee.argumentExpression as ts.StringLiteral).text}`;
  }
  return undefined;
}

/** Every dynamic-code construct in one source text. Module specifiers of child processes are collected separately. */
export function findDynamicCode(fileName: string, source: string): { offences: Offence[]; processModules: Offence[] } {
  const kind = fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const offences: Offence[] = [];
  const processModules: Offence[] = [];
  // esbuild writes "// node_modules/<pkg>/<file>.js" before each bundled module.
  const banners: { offset: number; module: string }[] = [];
  for (const m of source.matchAll(/^\/\/ (node_modules\/[^\n]+|server\/src\/[^\n]+|client\/src\/[^\n]+)$/gm)) banners.push({ offset: m.index, module: m[1]! });
  const moduleAt = (offset: number) => {
    let found: string | undefined;
    for (const banner of banners) {
      if (banner.offset > offset) break;
      found = banner.module;
    }
    return found;
  };
  const report = (node: ts.Node, what: string, into = offences) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    const module = moduleAt(node.getStart(sourceFile));
    into.push({ file: fileName, line, what, ...(module ? { module } : {}) });
  };
  const checkSpecifier = (node: ts.Node, specifier: string) => {
    if (VM_MODULES.has(specifier)) report(node, `loads the "${specifier}" module`);
    if (PROCESS_MODULES.has(specifier)) report(node, `loads "${specifier}"`, processModules);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isStringLiteral(node.moduleSpecifier)) checkSpecifier(node, (node.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && isStringLiteral(node.moduleReference.expression)) {
      checkSpecifier(node, (node.moduleReference.expression as ts.StringLiteral).text);
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        if (!isStringLiteral(first)) report(node, 'import() of a path computed at run time');
        else checkSpecifier(node, (first as ts.StringLiteral).text);
      }
      const name = calleeName(node.expression);
      if (name === 'require' || name === 'module.require' || name === '__require') {
        if (!isStringLiteral(first)) report(node, `${name}() of a path computed at run time`);
        else checkSpecifier(node, (first as ts.StringLiteral).text);
      }
      if (name === 'eval' || name === 'globalThis.eval' || name === 'global.eval' || name === 'window.eval') {
        // `(1, eval)("this")` is the old global-object idiom (in a bundled dependency): a constant, not code from anywhere.
        const isGlobalThisIdiom = node.arguments.length === 1 && isStringLiteral(first) && (first as ts.StringLiteral).text === 'this';
        if (!isGlobalThisIdiom) report(node, 'eval()');
      }
      if (name === 'Function' || name === 'globalThis.Function') report(node, 'Function()');
      if (name === 'createRequire' || name?.endsWith('.createRequire')) report(node, 'createRequire()');
      if (name === 'process.dlopen' || name === 'process.binding' || name === 'process._linkedBinding') report(node, `${name}()`);
      if (name && /^(?:vm|import_vm|vm_1|import_node_vm)\.(?:runIn|compileFunction|Script|SourceTextModule)/.test(name)) report(node, `${name}()`);
    }
    if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      if (name === 'Function' || name === 'globalThis.Function') report(node, 'new Function()');
      if (name && /^(?:vm|import_vm|vm_1)\.(?:Script|SourceTextModule)$/.test(name)) report(node, `new ${name}()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { offences, processModules };
}

function sourcesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourcesUnder(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const BUNDLES = ['server.js', 'cli.js', 'client.js'].map((name) => path.join(ROOT, 'dist', name));

/**
 * Child processes in the bundles come only from these dependencies, for reasons unrelated to the
 * workspace: vscode-languageserver's `Files.resolveModulePath`/`resolveGlobalNodePath` helpers
 * (bundled, never called by our server: see the test below) and vscode-languageclient, which starts
 * our own dist/server.js from the extension's folder.
 */
const ALLOWED_PROCESS_MODULES = [/^node_modules\/vscode-languageserver\/lib\/node\/files\.js$/, /^node_modules\/vscode-languageclient\/lib\/node\//];

/** Unminified bundles built here with esbuild.mjs's options, so that each bundled module keeps its `// node_modules/…` banner. */
let readableBundles: string[] = [];
let outdir = '';

after(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

before(async () => {
  if (BUNDLES.some((bundle) => !existsSync(bundle))) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `the bundles build: ${build.stderr}`);
  }
  outdir = mkdtempSync(path.join(tmpdir(), 'brieflint-bundles-'));
  await esbuild.build({
    entryPoints: { client: 'client/src/extension.ts', server: 'server/src/server.ts', cli: 'server/src/cli.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    outdir,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['module', 'main'],
    minify: false,
    logLevel: 'silent',
  });
  readableBundles = ['server.js', 'cli.js', 'client.js'].map((name) => path.join(outdir, name));
});

test('the scanner recognises every form of dynamic code it looks for', () => {
  const sample = [
    "const a = require(name);",
    "const b = require('fs');",
    "import('./x' + y);",
    "import('./fixed');",
    "eval(code);",
    "(0, eval)('this');",
    "new Function('return 1');",
    "Function(body)();",
    "import * as vm from 'node:vm';",
    "vm.runInNewContext(code);",
    "const r = createRequire(file);",
    "process.dlopen(m, file);",
    "import { spawn } from 'node:child_process';",
  ].join('\n');
  const { offences, processModules } = findDynamicCode('sample.ts', sample);
  assert.deepEqual(
    offences.map((o) => `${o.line}: ${o.what}`),
    [
      '1: require() of a path computed at run time',
      '3: import() of a path computed at run time',
      '5: eval()',
      '7: new Function()',
      '8: Function()',
      '9: loads the "node:vm" module',
      '10: vm.runInNewContext()',
      '11: createRequire()',
      '12: process.dlopen()',
    ],
  );
  assert.deepEqual(processModules.map((o) => o.line), [13]);
});

test('no source under server/src or client/src loads or evaluates code chosen at run time', () => {
  const files = [...sourcesUnder(path.join(ROOT, 'server', 'src')), ...sourcesUnder(path.join(ROOT, 'client', 'src'))];
  assert.ok(files.length > 20, 'the sources were found');
  const offences = files.flatMap((file) => findDynamicCode(path.relative(ROOT, file), readFileSync(file, 'utf8')).offences);
  assert.deepEqual(offences, []);
});

test('no source under server/src starts a child process or a worker', () => {
  const files = sourcesUnder(path.join(ROOT, 'server', 'src'));
  const found = files.flatMap((file) => findDynamicCode(path.relative(ROOT, file), readFileSync(file, 'utf8')).processModules);
  assert.deepEqual(found, []);
});

test('the server never calls the language-server library helpers that spawn a process to resolve modules', () => {
  const files = sourcesUnder(path.join(ROOT, 'server', 'src'));
  const uses = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (/\b(?:Files\s*\.|resolveModulePath|resolveGlobalNodePath|resolveGlobalYarnPath)\b/.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}`] : [])),
  );
  assert.deepEqual(uses, []);
});

test('the built bundles (dist/, as shipped) load and evaluate no code chosen at run time', () => {
  for (const bundle of BUNDLES) {
    const { offences } = findDynamicCode(path.relative(ROOT, bundle), readFileSync(bundle, 'utf8'));
    assert.deepEqual(offences, [], `${path.basename(bundle)} has dynamic code`);
  }
});

test('in the bundles, child processes come only from the two known dependencies', () => {
  assert.equal(readableBundles.length, 3);
  let found = 0;
  for (const bundle of readableBundles) {
    const { offences, processModules } = findDynamicCode(path.basename(bundle), readFileSync(bundle, 'utf8'));
    assert.deepEqual(offences, [], `${path.basename(bundle)} has dynamic code`);
    found += processModules.length;
    const unexpected = processModules.filter((o) => !ALLOWED_PROCESS_MODULES.some((allowed) => allowed.test(o.module ?? '')));
    assert.deepEqual(unexpected, [], `${path.basename(bundle)} starts processes outside the known dependencies`);
  }
  assert.ok(found > 0, 'the scanner saw the known ones (vscode-languageclient starts our server)');
});
