import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { importProgress } from "../../src/cli/import-progress.js";

describe("moot import progress", () => {
  it("draws a bar of OCR'd pages, page by page, beside the files bar", async () => {
    const stream = new PassThrough();
    let out = "";
    stream.on("data", (d) => (out += d));
    const view = importProgress({ stream, tty: true });
    view.update({ done: 0, total: 2, file: "/packs/scan.pdf", ocr: { done: 1, total: 3 } });
    await new Promise((r) => setTimeout(r, 250));
    view.update({ done: 0, total: 2, file: "/packs/scan.pdf", ocr: { done: 3, total: 3 } });
    view.update({ done: 1, total: 2, file: "/packs/scan.pdf" });
    view.update({ done: 2, total: 2, file: "/packs/minutes.txt" });
    view.stop();
    const text = out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
    expect(text).toMatch(/OCR pages \[[█░]+\] 1\/3 scan\.pdf/);
    expect(text).toMatch(/files +\[[█░]+\] 2\/2 minutes\.txt/);
  });

  it("writes a line per OCR'd page and per file when not on a terminal", () => {
    const lines: string[] = [];
    const view = importProgress({ tty: false, log: (l) => lines.push(l) });
    view.update({ done: 0, total: 1, file: "scan.pdf", ocr: { done: 1, total: 2 } });
    view.update({ done: 0, total: 1, file: "scan.pdf", ocr: { done: 2, total: 2 } });
    view.update({ done: 1, total: 1, file: "scan.pdf" });
    view.stop();
    expect(lines).toEqual(["OCR scan.pdf page 1/2", "OCR scan.pdf page 2/2", "imported scan.pdf (1/1)"]);
  });
});
