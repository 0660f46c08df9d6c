/**
 * Watches individual files (termbases, `.brieflint.json`) through their
 * folders, so that a file replaced by a rename (editors and `writeFileAtomic`
 * save that way) or created later is still seen. Works in every editor, with
 * or without `workspace/didChangeWatchedFiles`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class FileWatcher {
  private readonly folders = new Map<string, fs.FSWatcher>();
  private readonly files = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly onChange: (file: string) => void,
    private readonly log: (message: string) => void,
    private readonly delayMs = 80,
  ) {}

  /** Starts watching these files (idempotent); files that do not exist yet are seen when created. */
  watch(files: Iterable<string>): void {
    for (const file of files) {
      if (this.files.has(file)) continue;
      this.files.add(file);
      this.watchFolder(path.dirname(file));
    }
  }

  private watchFolder(folder: string): void {
    if (this.folders.has(folder)) return;
    try {
      const watcher = fs.watch(folder, { persistent: false }, (_event, name) => {
        if (name) this.touch(path.join(folder, name.toString()));
        else for (const file of this.files) if (path.dirname(file) === folder) this.touch(file);
      });
      watcher.on('error', () => {
        watcher.close();
        this.folders.delete(folder);
      });
      this.folders.set(folder, watcher);
    } catch (error) {
      // A folder that does not exist (yet) cannot be watched; the file will be read when asked for.
      this.log(`not watching ${folder}: ${(error as Error).message}`);
    }
  }

  private touch(file: string): void {
    if (!this.files.has(file)) return;
    clearTimeout(this.timers.get(file));
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.onChange(file);
      }, this.delayMs),
    );
  }

  dispose(): void {
    for (const watcher of this.folders.values()) watcher.close();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.folders.clear();
    this.timers.clear();
    this.files.clear();
  }
}
