import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { documentDetail, documentOriginal } from "../../store/queries/documents.js";
import { page } from "../views/render.js";
import { ExemptNotice, kindName } from "../views/components.js";
import { instantText, meetingWhen } from "../views/format.js";

export function registerDocument(app: App) {
  app.get("/documents/:id", async (c) => {
    const d = await documentDetail(c.get("store"), c.get("authority").id, c.req.param("id"), c.get("viewer"));
    if (!d) throw new MootError("not_found", "no such document");
    const doc = d.document;
    const printedAnchors = printedPageAnchors(d.pages);
    const crumbs = [{ href: "/", label: "Home" }];
    if (d.committee) crumbs.push({ href: `/committees/${d.committee.slug}`, label: d.committee.name });
    if (d.meeting) crumbs.push({ href: `/meetings/${d.meeting.id}`, label: meetingWhen(d.meeting) });
    return page(
      c,
      { title: doc.title, section: "committees", crumbs },
      <>
        <h1>{doc.title}</h1>
        <p class="meta">
          {kindName(doc.kind)}
          {d.committee && d.meeting && `, ${d.committee.name}, ${meetingWhen(d.meeting)}`}
          {d.item && `, item ${d.item.number}`}
          {doc.publishedAt && `, published ${instantText(doc.publishedAt)}`}
        </p>
        {d.withheld ? (
          <ExemptNotice w={d.withheld} />
        ) : (
          <>
            {d.withheldPages.map((r) => (
              <p class="exempt">
                <strong>{r.from === r.to ? `Page ${r.from}` : `Pages ${r.from} to ${r.to}`} not for publication.</strong> {r.notice}.
              </p>
            ))}
            {doc.sha256 && d.withheldPages.length === 0 && doc.sourcePageFrom === null && (
              <p>
                <a href={`/documents/${doc.id}/original`} download={doc.fileName ?? undefined}>
                  Download the original{doc.fileName ? ` (${doc.fileName}` : " ("}
                  {doc.byteSize ? `, ${Math.max(1, Math.round(doc.byteSize / 1024))} KB)` : ")"}
                </a>
              </p>
            )}
            {doc.sha256 && (d.withheldPages.length > 0 || doc.sourcePageFrom !== null) && doc.mediaType === "application/pdf" && (
              <p>
                <a href={`/documents/${doc.id}/original`} download={doc.fileName ?? undefined}>
                  Download {d.withheldPages.length > 0 ? "the published pages" : "these pages"} (PDF)
                </a>
              </p>
            )}
            {d.pages.length > 0 && (
              <nav aria-label="Pages of this document" class="noprint">
                <p>
                  Go to page:{" "}
                  {d.pages.map((p) => (
                    <>
                      <a href={`#page-${p.pageNumber}`}>{p.pageNumber}</a>{" "}
                    </>
                  ))}
                </p>
              </nav>
            )}
            {d.pages.length === 0 && <p>No text is available for this document.</p>}
            {d.pages.map((p) => (
              <section class="page" id={`page-${p.pageNumber}`} aria-labelledby={`page-${p.pageNumber}-h`}>
                {(printedAnchors.get(p.pageNumber) ?? []).map((n) => (
                  <span id={`printed-${n}`} />
                ))}
                <h2 id={`page-${p.pageNumber}-h`}>
                  Page {p.pageNumber}
                  {p.printedNumber !== null && p.printedNumber !== p.pageNumber && (
                    <span class="meta"> (printed page {p.printedNumber})</span>
                  )}
                </h2>
                <pre>{p.text}</pre>
              </section>
            ))}
          </>
        )}
      </>,
    );
  });

  app.get("/documents/:id/original", async (c) => {
    const o = await documentOriginal(c.get("store"), c.get("authority").id, c.req.param("id"), c.get("viewer"));
    const etag = `"${o.etag}"`;
    // Revalidated on every use: a paper marked exempt later must stop being served at once,
    // so no shared cache may keep it (the store decides again on each request).
    const headers = {
      ETag: etag,
      "Last-Modified": new Date(o.updatedAt).toUTCString(),
      "Cache-Control": "private, no-cache",
      "Content-Type": o.mediaType,
      "Content-Disposition": `attachment; filename="${o.fileName.replace(/[^\w.\- ]+/g, "_")}"`,
    };
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(o.bytes), 200, { ...headers, "Content-Length": String(o.bytes.byteLength) });
  });
}

/**
 * Agendas cite a paper by the page numbers printed on it ("Pages 2 to 3"), which rarely match the
 * file's pages (an unnumbered cover, reports that restart at 1). Each printed number gets an
 * anchor `#printed-N` on the first page that prints it; a number no page prints falls back to the
 * file page of that number, so a pack with no printed numbers still links somewhere sensible.
 * Returns file page number -> the printed numbers anchored there.
 */
export function printedPageAnchors(pages: ReadonlyArray<{ pageNumber: number; printedNumber: number | null }>) {
  const byPrinted = new Map<number, number>();
  for (const p of pages) if (p.printedNumber !== null && !byPrinted.has(p.printedNumber)) byPrinted.set(p.printedNumber, p.pageNumber);
  for (const p of pages) if (!byPrinted.has(p.pageNumber)) byPrinted.set(p.pageNumber, p.pageNumber);
  const anchors = new Map<number, number[]>();
  for (const [printed, page] of byPrinted) anchors.set(page, [...(anchors.get(page) ?? []), printed]);
  return anchors;
}
