/**
 * A small editor for the server properties: spawns `dist/server.js --stdio`,
 * speaks JSON-RPC, answers what an editor answers (configuration,
 * registrations, applyEdit), keeps the text of open documents as the editor
 * would, records diagnostics and error logs, and reads the server's RSS from
 * /proc. Every wait has a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from './engine';

export const SERVER = path.join(ROOT, 'dist', 'server.js');
const REQUEST_TIMEOUT_MS = 15_000;

export class LspSession {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Server log lines of type Error (1): a handler that failed. */
  readonly errors: string[] = [];
  readonly logs: string[] = [];
  readonly documents = new Map<string, TextDocument>();
  stderr = '';
  settings: unknown = {};
  private exitCode: number | null | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly connection: MessageConnection,
    readonly child: ChildProcess,
  ) {}

  static async start(folder: string, settings: unknown = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: folder, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(connection, child);
    session.settings = settings;
    child.stderr!.on('data', (chunk) => (session.stderr += String(chunk)));
    child.on('exit', (code) => {
      session.exitCode = code;
      session.wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => session.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onRequest('workspace/applyEdit', () => ({ applied: false, failureReason: 'the test editor applies no edits' }));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.diagnostics.set(params.uri, params);
      session.wake();
    });
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      session.logs.push(params.message);
      if (params.type === 1) session.errors.push(params.message);
    });
    connection.onNotification(() => undefined);
    connection.onError(() => undefined);
    connection.listen();
    await session.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'workspace' }],
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true }, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
    });
    await session.notify('initialized', {});
    return session;
  }

  get isAlive(): boolean {
    return this.exitCode === undefined;
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  async request<R>(method: string, params: unknown, timeoutMs = REQUEST_TIMEOUT_MS): Promise<R> {
    if (!this.isAlive) throw new Error(`the server exited (${this.exitCode}) before ${method}; stderr:\n${this.stderr.slice(-2000)}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.connection.sendRequest(method, params) as Promise<R>,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${method} got no answer in ${timeoutMs} ms; stderr:\n${this.stderr.slice(-2000)}`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async notify(method: string, params: unknown): Promise<void> {
    if (!this.isAlive) throw new Error(`the server exited (${this.exitCode}) before ${method}; stderr:\n${this.stderr.slice(-2000)}`);
    await this.connection.sendNotification(method, params);
  }

  async open(uri: string, text: string, languageId: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends changes as given (ranges may be out of range, as a buggy client's); our copy applies them as the server's library does. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const current = this.documents.get(uri);
    const version = (current?.version ?? 0) + 1;
    if (current) this.documents.set(uri, TextDocument.update(current, changes, version));
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits for diagnostics of `uri` at `version` (or any version) that satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean, version?: number, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const published = this.diagnostics.get(uri);
        if (!this.isAlive) finish(new Error(`the server exited (${this.exitCode}); stderr:\n${this.stderr.slice(-2000)}`));
        else if (published && (version === undefined || published.version === version) && predicate(published.diagnostics)) finish(undefined, published.diagnostics);
      };
      const timer = setTimeout(() => finish(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))?.slice(0, 500)}`)), timeoutMs);
      const finish = (error?: Error, diagnostics?: Diagnostic[]) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve(diagnostics!);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resident set size of the server process, in kB (Linux). */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    if (!match) throw new Error('no VmRSS in /proc status');
    return Number(match[1]);
  }

  async stop(): Promise<void> {
    if (this.isAlive) {
      try {
        await this.request('shutdown', null, 3000);
        await this.notify('exit', null);
      } catch {
        // The server may already be gone; it is killed below either way.
      }
    }
    this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}
