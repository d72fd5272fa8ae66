import { createHash, randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { MootError } from "../domain/errors.js";

/** Folder under the root where imports not yet committed leave a claim on the originals they store. */
const CLAIMS = ".claims";
/** Folder under the root for what is worked out from an original once (OCR'd pages), by its digest. */
const DERIVED = "derived";
/** A claim from another machine (shared file store) older than this is taken to be from a dead import. */
const FOREIGN_CLAIM_MS = 6 * 60 * 60 * 1000;

/** Left by an import that is storing an original, until its transaction has committed or rolled back. */
export interface Claim {
  sha256: string;
  file: string;
}

interface ClaimRecord {
  sha256: string;
  pid: number;
  host: string;
  at: number;
}

/**
 * Originals kept content-addressed (data/files/ab/cdef…), so a re-import stores nothing new.
 *
 * An import writes its original inside its transaction, under a claim (`claim`, `release`):
 * a process killed between the write and the commit leaves the claim behind, and `sweep` in
 * the next run removes the original if no document refers to it.
 */
export class FileStore {
  constructor(readonly root: string) {}

  static sha256(data: Uint8Array): string {
    return createHash("sha256").update(data).digest("hex");
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new MootError("invalid", `not a sha256 digest: ${sha256.slice(0, 80)}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async put(data: Uint8Array): Promise<string> {
    const sha = FileStore.sha256(data);
    const path = this.pathOf(sha);
    try {
      await stat(path);
      return sha;
    } catch {
      await mkdir(dirname(path), { recursive: true });
      // Write then rename so a crash never leaves a half-written original under its digest.
      // Random, not the time: two puts of the same file in one process and millisecond (a form
      // sent twice) must not share a temporary file, or the second rename finds it gone.
      const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, path);
      return sha;
    }
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (e) {
      throw new MootError("not_found", `original file ${sha256.slice(0, 12)}… is missing from ${this.root}`, { cause: e });
    }
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Marks an original as being stored by this process; written before the original itself. */
  async claim(sha256: string): Promise<Claim> {
    this.pathOf(sha256);
    const dir = join(this.root, CLAIMS);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${sha256}.${randomBytes(6).toString("hex")}.json`);
    const record: ClaimRecord = { sha256, pid: process.pid, host: hostname(), at: Date.now() };
    await writeFile(file, JSON.stringify(record));
    return { sha256, file };
  }

  /** Drops a claim once its transaction has committed (or rolled back and `discard` has run). */
  async release(claim: Claim): Promise<void> {
    await unlink(claim.file).catch(() => undefined);
  }

  /**
   * After a failed import: removes the original unless a document refers to it or another
   * live import has claimed it. Call after releasing this import's claim.
   */
  async discard(sha256: string, referenced: (sha256: string) => Promise<boolean>): Promise<boolean> {
    const claims = await this.claims();
    if (claims.some((c) => c.record.sha256 === sha256 && alive(c.record))) return false;
    if (await referenced(sha256)) return false;
    await unlink(this.pathOf(sha256)).catch(() => undefined);
    return true;
  }

  /**
   * Cleans up after imports that died mid-way (kill -9, power loss): for each claim whose
   * process is gone, removes its original when no document refers to it, then the claim.
   * Returns the digests of the originals removed.
   */
  async sweep(referenced: (sha256: string) => Promise<boolean>): Promise<string[]> {
    const removed: string[] = [];
    const claims = await this.claims();
    const dead = claims.filter((c) => !alive(c.record));
    for (const c of dead) {
      const live = claims.some((o) => o !== c && o.record.sha256 === c.record.sha256 && alive(o.record));
      if (!live && (await this.has(c.record.sha256)) && !(await referenced(c.record.sha256))) {
        await unlink(this.pathOf(c.record.sha256)).catch(() => undefined);
        removed.push(c.record.sha256);
      }
      await unlink(c.file).catch(() => undefined);
    }
    return removed;
  }

  private async claims(): Promise<Array<{ file: string; record: ClaimRecord }>> {
    const dir = join(this.root, CLAIMS);
    const names = await readdir(dir).catch(() => [] as string[]);
    const out: Array<{ file: string; record: ClaimRecord }> = [];
    for (const name of names.filter((n) => n.endsWith(".json"))) {
      const file = join(dir, name);
      const text = await readFile(file, "utf8").catch(() => null);
      if (text === null) continue; // released meanwhile
      try {
        out.push({ file, record: JSON.parse(text) as ClaimRecord });
      } catch {
        // A claim cut short by the crash it records: its digest is in its name.
        const at = (await stat(file).catch(() => null))?.mtimeMs ?? 0;
        out.push({ file, record: { sha256: name.slice(0, 64), pid: 0, host: hostname(), at } });
      }
    }
    return out;
  }

  /** Something worked out from an original (e.g. an OCR'd page), kept beside it; null when not yet made. */
  async getDerived(sha256: string, key: string): Promise<Buffer | null> {
    return readFile(this.derivedPath(sha256, key)).catch(() => null);
  }

  async putDerived(sha256: string, key: string, data: Uint8Array | string): Promise<void> {
    const path = this.derivedPath(sha256, key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
  }

  private derivedPath(sha256: string, key: string): string {
    if (!/^[\w.-]+$/.test(key)) throw new MootError("invalid", `not a derived-file key: ${key.slice(0, 80)}`);
    return join(this.root, DERIVED, sha256.slice(0, 2), sha256, key);
  }
}

/** Whether the process that made a claim may still be storing: same machine, pid alive; else by age. */
function alive(c: ClaimRecord): boolean {
  if (c.host !== hostname()) return Date.now() - c.at < FOREIGN_CLAIM_MS;
  if (c.pid <= 0) return false;
  if (c.pid === process.pid) return true;
  try {
    process.kill(c.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
