/**
 * A minimal editor for protocol tests: spawns the bundled `dist/server.js`
 * (over --stdio, or --node-ipc), talks JSON-RPC to it, answers the requests an
 * editor answers (configuration, registrations, applyEdit), and records what
 * the server sends. Every wait has a deadline and is woken by messages, never
 * by a fixed sleep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type ApplyWorkspaceEditParams,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const DEFAULT_TIMEOUT_MS = 15_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds dist/ with esbuild.mjs when the server bundle is missing or older than its sources. */
export function ensureBuilt(): void {
  const isFresh = fs.existsSync(SERVER) && fs.statSync(SERVER).mtimeMs >= newestMtime(path.join(ROOT, 'server', 'src'));
  if (isFresh) return;
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node esbuild.mjs failed:\n${result.stderr}`);
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** A temporary workspace folder, removed by `remove()`. */
export function makeWorkspace(files: Record<string, string> = {}): { dir: string; write(name: string, text: string): string; remove(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'brieflint-lsp-')));
  const write = (name: string, text: string) => {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, write, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 0, text), edits);
}

/** The edits a workspace edit makes to one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? change.edits.filter((e): e is TextEdit => 'range' in e) : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

export function textAt(text: string, range: Diagnostic['range']): string {
  const document = TextDocument.create('file:///x', 'markdown', 0, text);
  return document.getText(range);
}

/** The 0-based position of the `occurrence`-th (1-based) match of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, occurrence = 1, delta = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  return TextDocument.create('file:///x', 'markdown', 0, text).positionAt(at + delta);
}

export interface StartOptions {
  folder?: string;
  /** The `brieflint` settings section answered to workspace/configuration (mutable through `session.settings`). */
  settings?: Record<string, unknown>;
  transport?: 'stdio' | 'ipc';
  initializationOptions?: Record<string, unknown>;
  /** Advertise dynamic registration of watched files (the server then relies on us for brief changes). */
  canWatchFiles?: boolean;
}

export class Session {
  readonly events = new EventEmitter();
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** How many times diagnostics were published per uri (to wait for the next publication). */
  readonly publications = new Map<string, number>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly configurationRequests: unknown[] = [];
  /** Text of open documents as this editor holds them. */
  readonly texts = new Map<string, { text: string; version: number; languageId: string }>();
  settings: Record<string, unknown>;
  stderr = '';
  initializeResult!: InitializeResult;

  constructor(
    readonly connection: MessageConnection,
    readonly child: ChildProcess,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  /** Resolves when `probe` returns something other than undefined; re-checked on every message from the server. */
  waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nserver log:\n${this.logs.slice(-20).join('\n')}\nstderr:\n${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.events.off('message', check);
      };
      this.events.on('message', check);
      check();
    });
  }

  /** Waits for diagnostics of `uri` that satisfy `predicate` (and, if given, belong to `version`). */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, what = 'diagnostics', version?: number): Promise<Diagnostic[]> {
    return this.waitFor(`${what} of ${uri}`, () => {
      const published = this.diagnostics.get(uri);
      if (!published) return undefined;
      if (version !== undefined && published.version !== version) return undefined;
      return predicate(published.diagnostics) ? published.diagnostics : undefined;
    });
  }

  /** Waits for the next publication of diagnostics for `uri` after the one counted now. */
  nextDiagnostics(uri: string): () => Promise<Diagnostic[]> {
    const seen = this.publications.get(uri) ?? 0;
    return () => this.waitFor(`a new publication of diagnostics for ${uri}`, () => ((this.publications.get(uri) ?? 0) > seen ? this.diagnostics.get(uri)!.diagnostics : undefined));
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  request<R>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    return Promise.race([
      this.connection.sendRequest(method, params) as Promise<R>,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${method} got no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.texts.set(uri, { text, version: 1, languageId });
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-range incremental change); returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const open = this.texts.get(uri);
    if (!open) throw new Error(`${uri} is not open`);
    const document = TextDocument.create(uri, open.languageId, open.version, open.text);
    const version = open.version + 1;
    this.texts.set(uri, { ...open, text, version });
    await this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(open.text.length) }, text }],
    });
    return version;
  }

  /** Applies edits as incremental changes, as an editor would after a code action. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const open = this.texts.get(uri);
    if (!open) throw new Error(`${uri} is not open`);
    return this.replace(uri, applyTextEdits(open.text, edits));
  }

  async save(uri: string): Promise<void> {
    await this.notify('textDocument/didSave', { textDocument: { uri } });
  }

  text(uri: string): string {
    const open = this.texts.get(uri);
    if (!open) throw new Error(`${uri} is not open`);
    return open.text;
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 3000);
      await this.notify('exit', null);
    } catch {
      // a dead or hung server is killed below
    }
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

export async function startServer(options: StartOptions = {}): Promise<Session> {
  const transport = options.transport ?? 'stdio';
  const child =
    transport === 'stdio'
      ? spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(process.execPath, [SERVER, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const connection =
    transport === 'stdio'
      ? createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
      : createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const session = new Session(connection, child, options.settings ?? {});
  child.stderr!.on('data', (chunk: Buffer) => {
    session.stderr += chunk.toString();
  });
  const emit = () => session.events.emit('message');
  child.on('exit', emit);

  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    session.diagnostics.set(params.uri, params);
    session.publications.set(params.uri, (session.publications.get(params.uri) ?? 0) + 1);
    emit();
  });
  connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
    session.messages.push(params);
    emit();
  });
  connection.onNotification('window/logMessage', (params: { message: string }) => {
    session.logs.push(params.message);
    emit();
  });
  connection.onNotification((method: string, params: unknown) => {
    session.notifications.push({ method, params });
    emit();
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    session.configurationRequests.push(params);
    emit();
    return params.items.map((item) => (item.section === 'brieflint' ? session.settings : null));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showMessageRequest', (params: ShowMessageParams) => {
    session.messages.push(params);
    emit();
    return null;
  });
  connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
    session.appliedEdits.push(params);
    for (const [uri, open] of session.texts) {
      const edits = editsFor(params.edit, uri);
      if (edits.length > 0) session.texts.set(uri, { ...open, text: applyTextEdits(open.text, edits), version: open.version + 1 });
    }
    emit();
    return { applied: true };
  });
  connection.listen();

  const folder = options.folder;
  session.initializeResult = await session.request<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: folder ? fileUri(folder) : null,
    workspaceFolders: folder ? [{ uri: fileUri(folder), name: path.basename(folder) }] : null,
    initializationOptions: options.initializationOptions ?? {},
    capabilities: {
      workspace: {
        configuration: true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: options.canWatchFiles === true },
        workspaceFolders: true,
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
      },
    },
  });
  await session.notify('initialized', {});
  return session;
}
