/**
 * A minimal LSP client over stdio for the benchmark: JSON-RPC with
 * Content-Length framing, requests with ids, and a wait for the next
 * `textDocument/publishDiagnostics` of a given document version.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface Diagnostics {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diagnostics) => void }[] = [];
  stderr = '';

  constructor(serverPath: string, cwd: string, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resident memory in MB, from /proc/<pid>/status. */
  residentMegabytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Incoming bytes not yet dispatched, kept as chunks: large messages arrive in many pieces. */
  private chunks: Buffer[] = [];
  private received = 0;
  private expected: number | undefined;

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    for (;;) {
      if (this.expected !== undefined && this.received < this.expected) return;
      const buffer = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [buffer];
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      const total = headerEnd + 4 + length;
      if (buffer.length < total) {
        this.expected = total;
        return;
      }
      this.expected = undefined;
      const body = buffer.subarray(headerEnd + 4, total).toString('utf8');
      const rest = buffer.subarray(total);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.received = rest.length;
      this.dispatch(JSON.parse(body) as { id?: number; method?: string; params?: unknown; result?: unknown });
    }
  }

  private dispatch(message: { id?: number; method?: string; params?: unknown; result?: unknown }): void {
    if (message.method === undefined && message.id !== undefined) {
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
      return;
    }
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server (e.g. client/registerCapability): answer with null.
      this.send({ id: message.id, result: null });
      return;
    }
    if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as Diagnostics;
      for (let i = 0; i < this.waiters.length; i++) {
        const waiter = this.waiters[i]!;
        if (waiter.uri === params.uri && (waiter.version === undefined || waiter.version === params.version)) {
          this.waiters.splice(i, 1);
          waiter.resolve(params);
          i--;
        }
      }
    }
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve) => this.pending.set(id, resolve));
    this.send({ id, method, params });
    return result;
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the next diagnostics published for `uri` (and `version`, if given); rejects after `timeoutMs`. */
  diagnostics(uri: string, version: number | undefined, timeoutMs: number): Promise<Diagnostics> {
    return new Promise((resolve, reject) => {
      const waiter = { uri, version, resolve: (d: Diagnostics) => (clearTimeout(timer), resolve(d)) };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async initialize(folderUris: string[], settings: object): Promise<void> {
    await this.request('initialize', {
      processId: process.pid,
      rootUri: folderUris[0],
      workspaceFolders: folderUris.map((uri, i) => ({ uri, name: `bench${i}` })),
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { workspaceFolders: true } },
      initializationOptions: { settings },
    });
    this.notify('initialized', {});
  }

  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
      this.notify('exit', null);
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timer);
  }
}
