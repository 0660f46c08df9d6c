/**
 * Host of the VS Code API suite on desktop VS Code through
 * `@vscode/test-electron` (the standard runner), for machines that can
 * download VS Code; machines that cannot run the same suite on code-server
 * (test/vscode/runCodeServer.ts). Build first: `node esbuild.mjs && node test/vscode/build.mjs`.
 *
 * By default BriefLint runs from this checkout (extensionDevelopmentPath);
 * with `--vsix FILE` the packaged extension is installed into a fresh
 * extensions folder and tested instead, as code-server does.
 * VSCODE_VERSION picks the version to download (default: stable).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = path.join(root, 'out', 'test', 'vscode', 'suite.js');
const vsixIndex = process.argv.indexOf('--vsix');
const vsix = vsixIndex === -1 ? undefined : path.resolve(process.argv[vsixIndex + 1] ?? 'brieflint.vsix');

async function main(): Promise<number> {
  if (!fs.existsSync(suite)) throw new Error(`${suite} is missing: run node test/vscode/build.mjs first`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'brieflint-electron-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    const userDataDir = path.join(tmp, 'user-data');
    const extensionsDir = path.join(tmp, 'extensions');
    fs.mkdirSync(workspace);
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir);
    for (const name of ['nswn-brief.md', 'nswn-brief.txt']) fs.copyFileSync(path.join(root, 'samples', name), path.join(workspace, name));
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'files.autoSave': 'off', 'update.mode': 'none', 'telemetry.telemetryLevel': 'off' }),
    );

    const vscodeExecutablePath = await downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
    let extensionDevelopmentPath = root;
    const env: Record<string, string> = { BRIEFLINT_TEST_RESULTS: path.join(tmp, 'results.json') };
    if (vsix) {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
      const install = spawnSync(cli!, [...cliArgs, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
        encoding: 'utf8',
        stdio: 'inherit',
        timeout: 120_000,
      });
      if (install.status !== 0) throw new Error(`installing ${vsix} failed (${install.status})`);
      // The payload needs a development path; an empty extension keeps the installed .vsix in charge.
      extensionDevelopmentPath = path.join(tmp, 'runner');
      fs.mkdirSync(extensionDevelopmentPath);
      fs.writeFileSync(
        path.join(extensionDevelopmentPath, 'package.json'),
        JSON.stringify({ name: 'brieflint-test-runner', publisher: 'brieflint-test', version: '0.0.0', engines: { vscode: '*' } }),
      );
      env.BRIEFLINT_EXPECT_EXTENSIONS_DIR = extensionsDir;
    }

    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath: suite,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        ...(vsix ? [] : ['--disable-extensions']),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } finally {
    if (process.env.BRIEFLINT_KEEP_TMP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`VS Code API tests failed to run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
