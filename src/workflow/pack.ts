import { ROLE_LABELS } from "../domain/membership.js";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { exemptNotice } from "../domain/viewer.js";
import type { Scope } from "../store/records.js";
import { describeMeetingDate, itemFlags, loadPackData, pageRanges, type PackData, type PackOptions } from "./pack-data.js";
import { renderPdf } from "./pdf-render.js";

export type { PackOptions } from "./pack-data.js";

function frontAndAgenda(data: PackData, ranges: Map<string, { from: number; to: number }>): TDocumentDefinitions {
  const { meeting, committee } = data;
  const content: Content[] = [
    { text: data.authorityName, fontSize: 14 },
    { text: meeting.title ?? committee.name, fontSize: 22, bold: true, margin: [0, 8, 0, 4] },
    { text: describeMeetingDate(meeting), fontSize: 13 },
    ...(meeting.venue ? [{ text: meeting.venue, fontSize: 13 }] : []),
    ...(data.audience === "members"
      ? [
          {
            text: "Members’ pack: contains exempt information (Schedule 12A). Not for publication.",
            bold: true,
            margin: [0, 12, 0, 0] as [number, number, number, number],
          },
        ]
      : []),
    { text: "Membership", bold: true, fontSize: 13, margin: [0, 20, 0, 6] },
    {
      ul: data.members.map(
        (m) =>
          `${m.name}${m.role === "member" ? "" : ` (${ROLE_LABELS[m.role]})`}${m.representing ? `, representing ${m.representing}` : ""}`,
      ),
    },
    ...(meeting.contactOfficer
      ? [{ text: `Contact: ${meeting.contactOfficer}`, margin: [0, 20, 0, 0] as [number, number, number, number] }]
      : []),
    { text: "Agenda", fontSize: 18, bold: true, pageBreak: "before", margin: [0, 0, 0, 12] },
    {
      table: {
        widths: [30, "*", 70],
        headerRows: 1,
        body: [
          [
            { text: "Item", bold: true },
            { text: "", bold: true },
            { text: "Pages", bold: true },
          ],
          ...data.items.map(({ item, cover }) => {
            const r = ranges.get(item.id);
            const flags = itemFlags(item);
            return [
              item.number,
              {
                stack: [
                  { text: item.title, bold: true },
                  ...(flags.length ? [{ text: flags.join(" · "), italics: true, fontSize: 9 }] : []),
                  ...(item.description ? [{ text: item.description, fontSize: 10 }] : []),
                  ...(cover?.purpose ? [{ text: cover.purpose, fontSize: 10 }] : []),
                  ...(item.exemptParagraph !== null ? [{ text: exemptNotice(item.exemptParagraph), fontSize: 9 }] : []),
                ],
              },
              r ? (r.from === r.to ? `${r.from}` : `${r.from} - ${r.to}`) : "",
            ];
          }),
        ],
      },
      layout: "lightHorizontalLines",
    },
  ];
  return { info: { title: `${committee.name} ${meeting.localDate}` }, content };
}

function restrictedPage(paragraph: number, title: string): TDocumentDefinitions {
  return {
    content: [
      { text: `Document is restricted: paragraph ${paragraph}`, fontSize: 18, bold: true, margin: [0, 200, 0, 12], alignment: "center" },
      { text: title, alignment: "center", margin: [0, 0, 0, 12] },
      { text: exemptNotice(paragraph), alignment: "center", fontSize: 10 },
    ],
  };
}

/**
 * Renders the front sheet and agenda until its own length is stable, because the page
 * ranges it prints depend on how many pages it takes itself.
 */
async function renderLeading(
  data: PackData,
): Promise<{ bytes: Uint8Array; pages: number; ranges: Map<string, { from: number; to: number }> }> {
  let guess = 2;
  for (let i = 0; i < 5; i++) {
    const ranges = pageRanges(data, guess);
    const bytes = await renderPdf(frontAndAgenda(data, ranges));
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    if (pages === guess) return { bytes, pages, ranges };
    guess = pages;
  }
  throw new Error("agenda length did not settle");
}

/**
 * The agenda pack as one PDF: front sheet with membership, agenda with page ranges, then
 * each paper in agenda order, every page stamped with its pack page number. The public
 * pack carries a "Document is restricted" page in place of each exempt paper.
 */
export async function buildPack(scope: Scope, meetingId: string, opts: PackOptions): Promise<Uint8Array> {
  const data = await loadPackData(scope, meetingId, opts);
  const leading = await renderLeading(data);
  const pack = await PDFDocument.create();
  pack.setTitle(`${data.committee.name}, ${data.meeting.localDate}${opts.audience === "members" ? " (members)" : ""}`);
  const append = async (bytes: Uint8Array) => {
    const src = await PDFDocument.load(bytes);
    for (const page of await pack.copyPages(src, src.getPageIndices())) pack.addPage(page);
  };
  await append(leading.bytes);
  for (const { papers } of data.items) {
    for (const paper of papers) {
      if (paper.restrictedParagraph !== null) await append(await renderPdf(restrictedPage(paper.restrictedParagraph, paper.doc.title)));
      else await append(paper.bytes!);
    }
  }
  const font = await pack.embedFont(StandardFonts.Helvetica);
  const pages = pack.getPages();
  for (const [i, page] of pages.entries()) {
    const label = `Page ${i + 1}`;
    const { width } = page.getSize();
    const size = 9;
    page.drawText(label, { x: (width - font.widthOfTextAtSize(label, size)) / 2, y: 20, size, font, color: rgb(0.2, 0.2, 0.2) });
  }
  return pack.save();
}

/** Page ranges of the pack for each agenda item, as the agenda prints them. */
export async function packPageRanges(
  scope: Scope,
  meetingId: string,
  opts: PackOptions,
): Promise<Map<string, { from: number; to: number }>> {
  return (await renderLeading(await loadPackData(scope, meetingId, opts))).ranges;
}
