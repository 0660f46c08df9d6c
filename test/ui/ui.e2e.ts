/**
 * The VS Code UI as a writer sees it, in code-server driven by Playwright and
 * Debian's Chromium, with the packaged .vsix installed: open the sample brief
 * from the explorer, read the status bar and the Problems panel, hover a term
 * and read the glossary card, apply a quick-fix with the keyboard, and save
 * screenshots to test-results/editors/ (BRIEFLINT_UPDATE_SCREENSHOTS=1 also
 * copies the two best to docs/). Run by scripts/test-editors.sh (`node --test`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { codeServerTools, launchChromium, openWorkbench, startCodeServer, type Browser, type CodeServer } from '../editors/codeServer';
import { REPO_ROOT, cliDiagnostics, makeThrowaway, type CliDiagnostic } from '../editors/harness';
import { SAMPLE_MARKDOWN, markdownExpectations } from '../editors/sample';

const WAIT_MS = 30_000;
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'editors');

function counts(diagnostics: CliDiagnostic[]): { errors: number; warnings: number; infos: number } {
  const of = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  return { errors: of('error'), warnings: of('warning'), infos: of('information') };
}

/** The problems item of the status bar as numbers, read from its accessible label ("Errors: 1, Warnings: 11, …"). */
async function statusProblems(page: Page): Promise<{ errors: number; warnings: number; infos: number } | undefined> {
  const item = page.locator('#status\\.problems');
  if ((await item.count()) === 0) return undefined;
  const label = `${(await item.first().getAttribute('aria-label')) ?? ''} ${(await item.first().innerText()) ?? ''}`;
  const read = (word: RegExp) => Number(word.exec(label)?.[1] ?? NaN);
  const result = { errors: read(/(\d+)\s+errors?/i), warnings: read(/(\d+)\s+warnings?/i), infos: read(/(\d+)\s+info/i) };
  if (Number.isNaN(result.errors)) {
    const numbers = (await item.first().innerText()).match(/\d+/g)?.map(Number) ?? [];
    if (numbers.length >= 2) return { errors: numbers[0]!, warnings: numbers[1]!, infos: numbers[2] ?? 0 };
    return undefined;
  }
  return { errors: result.errors, warnings: Number.isNaN(result.warnings) ? 0 : result.warnings, infos: Number.isNaN(result.infos) ? 0 : result.infos };
}

async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, describe: () => Promise<string>, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${await describe().catch(String)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Runs in the page (browser code, so a string: the project type-checks without DOM types).
 * Monaco draws each screen line as a .view-line split into spans; this finds `needle` in one
 * and returns the box of a DOM range over it.
 */
const BOX_OF_TEXT = `(needle) => {
  for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const at = nodes.map((n) => n.data).join('').replace(/\u00a0/g, ' ').indexOf(needle);
    if (at === -1) continue;
    let offset = at;
    for (const node of nodes) {
      if (offset < node.data.length) {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, Math.min(node.data.length, offset + needle.length));
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      }
      offset -= node.data.length;
    }
  }
  return undefined;
}`;

/** The on-screen box of `needle` inside the editor's rendered lines. */
async function boxOfText(page: Page, needle: string): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  return page.evaluate(`(${BOX_OF_TEXT})(${JSON.stringify(needle)})`);
}

async function shoot(t: TestContext, page: Page, name: string, shots: Map<string, string>): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  shots.set(name, file);
  t.diagnostic(`screenshot: ${path.relative(REPO_ROOT, file)}`);
}

/** A subtest that leaves a screenshot behind when it fails. */
async function step(t: TestContext, page: () => Page, name: string, fn: (st: TestContext) => Promise<void>): Promise<void> {
  await t.test(name, async (st) => {
    try {
      await fn(st);
    } catch (error) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 60);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page().screenshot({ path: path.join(SCREENSHOTS, `failure-${slug}.png`) }).catch(() => undefined);
      st.diagnostic(`screenshot: test-results/editors/failure-${slug}.png`);
      throw error;
    }
  });
}

async function rowsText(rows: Locator): Promise<string[]> {
  return rows.evaluateAll((elements) => elements.map((e) => (e as unknown as { innerText: string }).innerText.replace(/\s+/g, ' ').trim()));
}

/** Every row of the Problems panel: the list draws only what fits, so scroll through it and back. */
async function problemRows(page: Page): Promise<string[]> {
  const list = page.locator('.markers-panel .monaco-list').first();
  const rows = page.locator('.markers-panel .monaco-list-row');
  const seen = new Set<string>(await rowsText(rows));
  const box = await list.boundingBox();
  if (!box) return [...seen];
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0, quiet = 0; i < 50 && quiet < 2; i += 1) {
    const before = seen.size;
    await page.mouse.wheel(0, box.height / 2);
    await page.waitForTimeout(50);
    for (const row of await rowsText(rows)) seen.add(row);
    quiet = seen.size === before ? quiet + 1 : 0;
  }
  await page.mouse.wheel(0, -100_000);
  return [...seen];
}

test('the VS Code UI in code-server shows BriefLint as a writer sees it', { timeout: 6 * 60_000 }, async (t) => {
  const tools = codeServerTools(t);
  if (!tools) return;

  const tmp = makeThrowaway('ui');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  t.after(async () => {
    await browser?.close();
    await server?.stop();
    tmp.remove();
  });

  const workspace = path.join(tmp.dir, 'workspace');
  fs.mkdirSync(workspace);
  const file = path.join(workspace, SAMPLE_MARKDOWN);
  fs.copyFileSync(path.join(REPO_ROOT, 'samples', SAMPLE_MARKDOWN), file);
  const original = fs.readFileSync(file, 'utf8');
  const expected = markdownExpectations(original);
  const cli = cliDiagnostics(file);
  const conceptCount = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'terminology', 'brief.json'), 'utf8')) as { concepts: unknown[] }).concepts.length;
  const shots = new Map<string, string>();

  server = await startCodeServer({
    tools,
    tmp,
    settings: { 'editor.hover.delay': 200, 'editor.minimap.enabled': false, 'workbench.activityBar.location': 'default', 'breadcrumbs.enabled': false },
  });
  browser = await launchChromium(tmp, { width: 1280, height: 800 });
  const { page } = browser;
  const started = Date.now();
  await openWorkbench(page, server.url(workspace));
  t.diagnostic(`workbench drawn after ${Date.now() - started} ms`);

  await step(t, () => page, 'opens the brief from the explorer', async () => {
    const item = page.getByRole('treeitem', { name: SAMPLE_MARKDOWN });
    await item.waitFor({ timeout: WAIT_MS });
    await item.click();
    await page.locator('.tabs-container .tab', { hasText: SAMPLE_MARKDOWN }).waitFor({ timeout: WAIT_MS });
    await waitUntil('the brief to be drawn', () => boxOfText(page, 'Mobilising the Nation'), async () => 'no editor text');
  });

  await step(t, () => page, 'the status bar shows the findings: problem counts and BriefLint\'s own item', async () => {
    const want = counts(cli);
    await waitUntil(
      `the problems item to read ${JSON.stringify(want)}`,
      async () => {
        const got = await statusProblems(page);
        return got && got.errors === want.errors && got.warnings === want.warnings && got.infos === want.infos ? got : undefined;
      },
      async () => JSON.stringify(await statusProblems(page)),
    );
    const ours = page.locator('.statusbar-item', { hasText: /terms? · \d+ findings?/ });
    const text = await waitUntil('the BriefLint status bar item', async () => ((await ours.count()) > 0 ? ours.first().innerText() : undefined), async () => 'none');
    assert.match(text, new RegExp(`${conceptCount} terms · ${cli.length} findings`));
  });

  await step(t, () => page, 'the Problems panel lists the findings with their rule ids', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: expected.findings[0]!.rule }).first().waitFor({ timeout: WAIT_MS });
    // Cosmetic: let the transient "Activating Extensions..." leave the status bar before the screenshot.
    await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await shoot(t, page, 'problems', shots);
    const texts = await waitUntil(
      'the Problems panel rows',
      async () => {
        const all = await problemRows(page);
        return expected.findings.every((f) => all.some((r) => r.includes(f.rule))) ? all : undefined;
      },
      async () => (await problemRows(page)).join('\n'),
    );
    // The panel lists errors, warnings and information (not hints), each with its rule id.
    const listed = cli.filter((d) => d.severity !== 'hint');
    for (const d of listed) assert.ok(texts.some((r) => r.includes(d.rule) && r.includes(`[Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]`)), `${d.rule} at ${d.range.start.line + 1}:${d.range.start.character + 1} is listed`);
    assert.ok(texts.some((r) => r.includes(SAMPLE_MARKDOWN)), 'the file row');
    const nearMiss = cli.find((d) => d.rule === expected.fix.finding.rule)!;
    assert.ok(texts.some((r) => r.includes(nearMiss.message)), `the near-miss message "${nearMiss.message}" is shown`);
  });

  await step(t, () => page, 'hovering a term shows its glossary card', async () => {
    await page.keyboard.press('Escape');
    // Close the panel (Ctrl+J toggles it) to give the editor and the card the room.
    await page.keyboard.press('Control+j');
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: WAIT_MS });
    // Word wrap may split the hanzi over two screen lines: aim at the first two characters.
    const hanzi = expected.hovers.term.mustContain.find((part) => /^\p{Script=Han}+$/u.test(part))!;
    const box = await waitUntil('the hanzi of the term on screen', () => boxOfText(page, hanzi.slice(0, 2)), async () => 'not drawn');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)');
    const text = await waitUntil(
      'the glossary card',
      async () => {
        const shown = (await hover.count()) > 0 ? await hover.first().innerText() : '';
        return expected.hovers.term.mustContain.every((part) => shown.includes(part)) ? shown : undefined;
      },
      async () => ((await hover.count()) > 0 ? hover.first().innerText() : 'no hover'),
    );
    assert.match(text, /Chinese term \(simplified\)/);
    await shoot(t, page, 'hover', shots);
    await page.mouse.move(5, 5);
  });

  await step(t, () => page, 'a quick-fix from the keyboard (Ctrl+.) corrects the near-miss, and saving clears it', async () => {
    const { fix } = expected;
    // Put the caret inside the misspelt word with Go to Line/Column (Ctrl+G), as a keyboard user would.
    const { start } = fix.finding.span;
    await page.keyboard.press('Control+g');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill(`:${start.line + 1}:${start.character + 2}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await waitUntil(
      'the caret inside the word',
      async () => ((await page.locator('.statusbar-item', { hasText: `Ln ${start.line + 1}, Col ${start.character + 2}` }).count()) > 0 ? true : undefined),
      async () => 'elsewhere',
    );
    // Ctrl+. goes to whatever has focus: wait for the editor to have it back from the quick input.
    await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Control+.');
    let pressedAt = Date.now();
    const items = page.locator('.action-widget .monaco-list-row');
    const titles = await waitUntil(
      'the quick-fix menu',
      async () => {
        const all = await rowsText(items);
        if (all.some((r) => r.includes(fix.title))) return all;
        // On a loaded machine the first Ctrl+. can come before the editor has the code actions
        // (seen once in CI: a light bulb, no menu): press again, as a writer would.
        if (all.length === 0 && Date.now() - pressedAt > 5000) {
          await page.keyboard.press('Control+.');
          pressedAt = Date.now();
        }
        return undefined;
      },
      async () => (await rowsText(items)).join(' | '),
    );
    await shoot(t, page, 'quick-fix', shots);
    // Move the menu's focus onto the fix, checking what is focused rather than counting on the order.
    const focusedRow = page.locator('.action-widget .monaco-list-row.focused');
    const target = titles.findIndex((r) => r.includes(fix.title));
    for (let step = 0; step <= titles.length; step += 1) {
      const focusedText = await waitUntil('a focused menu entry', async () => ((await focusedRow.count()) > 0 ? focusedRow.first().innerText() : undefined), async () => 'none');
      if (focusedText.includes(fix.title)) break;
      const here = (await rowsText(items)).findIndex((r) => r === focusedText.replace(/\s+/g, ' ').trim());
      await page.keyboard.press(here !== -1 && here > target ? 'ArrowUp' : 'ArrowDown');
    }
    assert.match(await focusedRow.first().innerText(), new RegExp(fix.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.keyboard.press('Enter');
    const tab = page.locator('.tabs-container .tab', { hasText: SAMPLE_MARKDOWN });
    await waitUntil('the edit to make the brief dirty', async () => ((await tab.getAttribute('class'))?.includes('dirty') ? true : undefined), async () => (await tab.getAttribute('class')) ?? '');
    await page.keyboard.press('Control+s');
    await waitUntil('the save', async () => ((await tab.getAttribute('class'))?.includes('dirty') ? undefined : true), async () => (await tab.getAttribute('class')) ?? '');
    const fixedText = await waitUntil('the fixed file on disk', async () => {
      const text = fs.readFileSync(file, 'utf8');
      return text !== original ? text : undefined;
    }, async () => 'not saved');
    const lines = original.split('\n');
    const line = lines[start.line]!;
    lines[start.line] = line.slice(0, start.character) + fix.replacement + line.slice(fix.finding.span.end.character);
    assert.equal(fixedText, lines.join('\n'), 'the quick-fix replaced exactly the misspelt word');
    const want = counts(cliDiagnostics(file));
    assert.notDeepEqual(want, counts(cli), 'the fix removes a finding');
    await waitUntil(
      `the problems item to read ${JSON.stringify(want)}`,
      async () => {
        const got = await statusProblems(page);
        return got && got.errors === want.errors && got.warnings === want.warnings && got.infos === want.infos ? got : undefined;
      },
      async () => JSON.stringify(await statusProblems(page)),
    );
  });

  if (process.env.BRIEFLINT_UPDATE_SCREENSHOTS === '1') {
    for (const [name, target] of [
      ['problems', 'screenshot-problems.png'],
      ['hover', 'screenshot-hover.png'],
    ] as const) {
      const shot = shots.get(name);
      if (shot) fs.copyFileSync(shot, path.join(REPO_ROOT, 'docs', target));
    }
  }
});
