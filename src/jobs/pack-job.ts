import { PDFDocument } from "pdf-lib";
import type { Store } from "../store/open.js";
import { Scope } from "../store/records.js";
import { buildPack } from "../workflow/pack.js";
import { PackJob } from "./queue.js";

/**
 * Builds a meeting's pack and keeps it as the meeting's "agenda-pack" document, found by
 * meeting, kind and title, so running the job again replaces rather than duplicates it.
 */
export async function runPackJob(store: Store, input: unknown): Promise<{ documentId: string; sha256: string; pages: number }> {
  const job = PackJob.parse(input);
  const scope = new Scope(store, job.authorityId, "worker");
  const bytes = await buildPack(scope, job.meetingId, {
    audience: job.audience,
    viewer: job.audience === "members" ? { kind: "clerk" } : undefined,
  });
  const sha256 = await store.files.put(bytes);
  const pages = (await PDFDocument.load(bytes)).getPageCount();
  const title = job.audience === "public" ? "Agenda pack" : "Agenda pack (members, includes exempt papers)";
  const fields = {
    meetingId: job.meetingId,
    kind: "agenda-pack" as const,
    title,
    sha256,
    fileName: `agenda-pack-${job.audience}.pdf`,
    mediaType: "application/pdf",
    byteSize: bytes.byteLength,
    pageCount: pages,
    // The members' pack holds exempt papers, so it is itself exempt (paragraph 3 is the usual ground; the clerk can change it).
    exemptParagraph: job.audience === "members" ? 3 : null,
  };
  const [existing] = await scope.list("document", { meetingId: job.meetingId, kind: "agenda-pack", title });
  const doc = existing ? await scope.update("document", existing.id, fields) : await scope.create("document", fields);
  return { documentId: doc.id, sha256, pages };
}
