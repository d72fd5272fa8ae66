import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MootError } from "../domain/errors.js";

/** Originals kept content-addressed (data/files/ab/cdef…), so a re-import stores nothing new. */
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
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
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
}
