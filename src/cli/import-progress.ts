import { basename } from "node:path";
import type { Writable } from "node:stream";
import cliProgress from "cli-progress";
import type { ImportProgress } from "../ingest/import-files.js";

export interface ProgressView {
  update(p: ImportProgress): void;
  stop(): void;
}

/**
 * What `moot import` shows while it works. On a terminal, cli-progress bars: one for the
 * files (with more than one) and one per file whose pages are being OCR'd, page by page;
 * several files may be OCR'd at once on the extraction threads. Elsewhere (a log, a pipe),
 * one line per file and per OCR'd page.
 */
export function importProgress(opts: { stream?: Writable; tty?: boolean; log?: (line: string) => void } = {}): ProgressView {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? (stream as { isTTY?: boolean }).isTTY === true;
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!tty)
    return {
      update: (p) => {
        if (p.ocr) log(`OCR ${p.file} page ${p.ocr.done}/${p.ocr.total}`);
        else log(`${p.error ? "failed" : "imported"} ${p.file} (${p.done}/${p.total})`);
      },
      stop: () => {},
    };
  const bars = new cliProgress.MultiBar(
    {
      format: "{label} [{bar}] {value}/{total} {file}",
      hideCursor: true,
      stream,
      // Drawn on whatever stream it is given (tests hand it a buffer).
      noTTYOutput: true,
      notTTYSchedule: 100,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let files: cliProgress.SingleBar | null = null;
  const ocr = new Map<string, cliProgress.SingleBar>();
  return {
    update(p) {
      const name = basename(p.file);
      if (p.ocr) {
        let bar = ocr.get(p.file);
        if (!bar) ocr.set(p.file, (bar = bars.create(p.ocr.total, 0, { label: "OCR pages", file: name })));
        bar.update(p.ocr.done, { label: "OCR pages", file: name });
        return;
      }
      if (p.total > 1) {
        files ??= bars.create(p.total, 0, { label: "files    ", file: "" });
        files.update(p.done, { label: "files    ", file: p.error ? `${name} failed` : name });
      }
      const done = ocr.get(p.file);
      if (done) {
        bars.remove(done);
        ocr.delete(p.file);
      }
    },
    stop: () => bars.stop(),
  };
}
