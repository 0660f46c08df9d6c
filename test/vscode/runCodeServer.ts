/**
 * Host of the VS Code API suite on code-server, a real VS Code that installs
 * from the npm registry: the packaged brieflint.vsix is installed into a fresh
 * extensions folder (what users install), code-server starts with the smoke
 * test driver, and Chromium opens the workbench with a `payload` that names
 * the suite as extensionTestsPath (the extension host starts when a browser
 * connects). The suite writes its results to a file; each case becomes one
 * test here. Run by scripts/test-editors.sh (`node --test`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeServerTools, launchChromium, openWorkbench, startCodeServer, type Browser, type CodeServer } from '../editors/codeServer';
import { REPO_ROOT, makeThrowaway, requireBuilt, waitFor } from '../editors/harness';
import { SAMPLE_MARKDOWN, SAMPLE_TEXT } from '../editors/sample';
import type { SuiteResults } from './suite';

const SUITE_TIMEOUT_MS = 8 * 60_000;

test('the VS Code API suite in code-server, with the packaged .vsix installed', { timeout: SUITE_TIMEOUT_MS + 120_000 }, async (t) => {
  const tools = codeServerTools(t);
  if (!tools) return;
  const suite = requireBuilt('out/test/vscode/suite.js');

  const tmp = makeThrowaway('vscode');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  t.after(async () => {
    await browser?.close();
    await server?.stop();
    tmp.remove();
  });

  const workspace = path.join(tmp.dir, 'workspace');
  fs.mkdirSync(workspace);
  for (const name of [SAMPLE_MARKDOWN, SAMPLE_TEXT]) fs.copyFileSync(path.join(REPO_ROOT, 'samples', name), path.join(workspace, name));
  // An extensionDevelopmentPath is required by the payload route; an empty extension keeps the installed .vsix in charge.
  const runner = path.join(tmp.dir, 'runner');
  fs.mkdirSync(runner);
  fs.writeFileSync(
    path.join(runner, 'package.json'),
    JSON.stringify({ name: 'brieflint-test-runner', publisher: 'brieflint-test', version: '0.0.0', engines: { vscode: '*' } }),
  );
  const resultsFile = path.join(tmp.dir, 'results.json');

  const started = Date.now();
  const extensionsDir = path.join(tmp.dir, 'extensions');
  server = await startCodeServer({
    tools,
    tmp,
    isSmokeTestDriver: true,
    env: { BRIEFLINT_TEST_RESULTS: resultsFile, BRIEFLINT_EXPECT_EXTENSIONS_DIR: extensionsDir },
  });
  assert.equal(server.extensionsDir, extensionsDir);
  browser = await launchChromium(tmp);
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', server.remoteUri(runner)],
    ['extensionTestsPath', server.remoteUri(suite)],
  ];
  await openWorkbench(browser.page, server.url(workspace, payload));
  t.diagnostic(`workbench drawn after ${Date.now() - started} ms`);

  const results = await waitFor(
    'the suite to write its results',
    () => {
      const status = server?.process.exitStatus();
      if (status !== undefined) throw new Error(`code-server exited (${status}) before the suite finished:\n${server?.process.output()}`);
      if (!fs.existsSync(resultsFile)) return undefined;
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
    },
    SUITE_TIMEOUT_MS,
    250,
  );
  t.diagnostic(`VS Code ${results.vscodeVersion}; suite finished after ${Date.now() - started} ms; BriefLint ran from ${results.extensionPath}`);
  assert.ok(results.cases.length > 0, 'the suite ran no case');

  for (const result of results.cases) {
    await t.test(result.name, (st) => {
      st.diagnostic(`${result.ms} ms in the extension host`);
      if (!result.isPassed) assert.fail(result.error ?? 'failed');
    });
  }
});
