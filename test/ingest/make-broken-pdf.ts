import * as mupdf from "mupdf";

/**
 * Damaged PDFs for the OCR tests, made from generated ones with MuPDF's object API.
 */

/**
 * The same pages, with every font's ToUnicode map shifted by one character: the page
 * prints correctly, but its text layer reads "Uif!Dpvodjm" (a broken font map, as some
 * producers write them).
 */
export function breakFontMaps(pdf: Uint8Array): Uint8Array {
  const doc = mupdf.Document.openDocument(pdf, "application/pdf").asPDF()!;
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CMapName /Shifted def /CMapType 2 def",
    "1 begincodespacerange <00> <FF> endcodespacerange",
    "1 beginbfrange <20> <7E> <0021> endbfrange",
    "endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  for (let i = 1; i < doc.countObjects(); i++) {
    const obj = doc.newIndirect(i).resolve();
    if (obj.isDictionary() && obj.get("Type").isName() && obj.get("Type").asName() === "Font") {
      obj.put("ToUnicode", doc.addStream(cmap, {}));
    }
  }
  return new Uint8Array(doc.saveToBuffer("").asUint8Array());
}

/** The same pages as pictures only: each page rendered at 200 dpi and placed as an image. */
export function imageOnly(pdf: Uint8Array): Uint8Array {
  const src = mupdf.Document.openDocument(pdf, "application/pdf");
  const out = new mupdf.PDFDocument();
  for (let i = 0; i < src.countPages(); i++) {
    const page = src.loadPage(i);
    const [x0, y0, x1, y1] = page.getBounds();
    const w = x1 - x0;
    const h = y1 - y0;
    const pix = page.toPixmap(mupdf.Matrix.scale(200 / 72, 200 / 72), mupdf.ColorSpace.DeviceGray, false);
    const image = out.addImage(new mupdf.Image(pix));
    const resources = out.addObject({ XObject: { Im0: image } });
    const contents = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q`;
    out.insertPage(-1, out.addPage([0, 0, w, h], 0, resources, contents));
  }
  return new Uint8Array(out.saveToBuffer("compress").asUint8Array());
}
