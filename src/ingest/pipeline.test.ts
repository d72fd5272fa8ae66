import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractFile } from "./pipeline.js";
import { MootError } from "../domain/errors.js";
import { BORSETSHIRE_PACK } from "./fixtures/borsetshire-pack.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "moot-extract-file-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("extractFile", () => {
  it("extracts a text pack and names it by its file name", async () => {
    const path = join(dir, "borsetshire-2024-04-10.txt");
    writeFileSync(path, BORSETSHIRE_PACK);
    const { extraction } = await extractFile(path);
    expect(extraction.source).toBe("borsetshire-2024-04-10.txt");
    expect(extraction.meetings[0]!.agenda).toHaveLength(5);
  });

  it("names the file and the reason when it cannot be read", async () => {
    const missing = join(dir, "nope.txt");
    await expect(extractFile(missing)).rejects.toThrow(missing);
    await expect(extractFile(missing)).rejects.toMatchObject({ code: "not_found" });
    const odd = join(dir, "pack.odt");
    writeFileSync(odd, "x");
    const err = await extractFile(odd).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MootError);
    expect((err as MootError).message).toMatch(/pack\.odt: unsupported file type "\.odt"/);
  });

  it("rejects binary content posing as text", async () => {
    const path = join(dir, "binary.txt");
    writeFileSync(path, Buffer.from([0x25, 0x50, 0x00, 0x01]));
    await expect(extractFile(path)).rejects.toThrow(/binary\.txt: not a text file/);
  });
});
