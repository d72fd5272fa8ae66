import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { importPack } from "../../src/ingest/import-files.js";
import { decisionNumbers, distinctiveTitle } from "../../src/ingest/load/matters.js";

const enc = (s: string) => new TextEncoder().encode(s);

/** A made-up agenda in the pipe-table shape converted packs arrive in. */
const agenda = (committee: string, published: string, date: string, items: string[]) => `
Borsetshire County Council

${committee}

Published ${published}

Date: ${date} at 2.00 pm

Venue: Council Chamber, County Hall, Felpersham

AGENDA

| | | |
|---|---|---|
${items.map((t, i) => `| ${i + 1} | ${t} | |`).join("\n")}
`;

const CABINET = agenda("Cabinet", "2 September 2024", "Wednesday 11 September 2024", [
  "Apologies for Absence",
  "Declarations of Interest",
  "Hedgerow Management Plan for the Rural Estate",
  "24/00108 - Felpersham Bypass Highways Contract",
  "Work Programme",
  "Verge Cutting",
]);
const SCRUTINY = agenda("Rural Affairs Scrutiny Committee", "9 October 2024", "Thursday 17 October 2024", [
  "Apologies for Absence",
  "Hedgerow Management Plan for the Rural Estate",
  "Call-in of Decision 24/00108: Felpersham Bypass",
  "Work Programme",
  "Verge Cutting",
]);

describe("what links imported business into matters", () => {
  it("reads decision numbers, not dates or other numbers", () => {
    expect(decisionNumbers("Decision No. 24/00108 and 25/00002")).toEqual(["24/00108", "25/00002"]);
    expect(decisionNumbers("Published 12/09/2024; ref 2024/00108; page 1/12345/6")).toEqual([]);
  });
  it("only distinctive titles of real business link by repetition", () => {
    const t = (title: string, kind: "decision" | "procedural" = "decision") => distinctiveTitle({ title, kind });
    expect(t("Hedgerow Management Plan for the Rural Estate")).toBe("hedgerow management plan for the rural estate");
    for (const generic of [
      "Work Programme",
      "Cabinet Forward Plan",
      "Verge Cutting",
      "Exclusion of the Press and Public",
      "Minutes of the last meeting",
    ])
      expect(t(generic), generic).toBeNull();
    expect(t("Declarations of Interest in the Rural Estate Review", "procedural")).toBeNull();
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: importing links reports and decisions into matters`, () => {
    let store: TestStore;
    let scope: Scope;
    beforeEach(async () => {
      store = await freshStore(dialect);
      const a = await createAuthority(store, { slug: "borsetshire", name: "Borsetshire County Council" });
      scope = new Scope(store, a.id, "import");
    });
    afterEach(async () => store.cleanup());

    it("a decision number and a title repeated at a later meeting link; generic titles do not; a second import changes nothing", async () => {
      await importPack(scope, { path: "cabinet-2024-09-11.txt", data: enc(CABINET) });
      // One meeting alone: the decision number is a matter already, the title not yet.
      expect((await scope.list("matter")).map((m) => [m.reference, m.title])).toEqual([
        ["24/00108", "Felpersham Bypass Highways Contract"],
      ]);
      const r = await importPack(scope, { path: "scrutiny-2024-10-17.txt", data: enc(SCRUTINY) });
      expect(r.counts.matter_step?.created).toBe(3);
      const matters = await scope.list("matter", {}, ["reference"]);
      expect(matters.map((m) => m.reference)).toEqual(["2024/T001", "24/00108"]);
      const history = async (ref: string) => {
        const m = matters.find((x) => x.reference === ref)!;
        const steps = await scope.list("matter_step", { matterId: m.id });
        return Promise.all(
          steps.map(async (s) => {
            const item = await scope.require("agenda_item", s.agendaItemId!);
            const meeting = await scope.require("meeting", s.meetingId);
            return `${meeting.localDate} ${item.title} (${s.linkedBy})`;
          }),
        ).then((x) => x.sort());
      };
      expect(await history("24/00108")).toEqual([
        "2024-09-11 24/00108 - Felpersham Bypass Highways Contract (decision-number)",
        "2024-10-17 Call-in of Decision 24/00108: Felpersham Bypass (decision-number)",
      ]);
      expect(await history("2024/T001")).toEqual([
        "2024-09-11 Hedgerow Management Plan for the Rural Estate (title)",
        "2024-10-17 Hedgerow Management Plan for the Rural Estate (title)",
      ]);
      expect(matters.find((m) => m.reference === "2024/T001")!.title).toBe("Hedgerow Management Plan for the Rural Estate");
      // Importing both again finds every step already there.
      const before = (await scope.list("matter_step")).length;
      for (const [path, text] of [
        ["cabinet-2024-09-11.txt", CABINET],
        ["scrutiny-2024-10-17.txt", SCRUTINY],
      ] as const) {
        const again = await importPack(scope, { path, data: enc(text) });
        expect(again.counts.matter_step?.created ?? 0).toBe(0);
        expect(again.counts.matter?.created ?? 0).toBe(0);
      }
      expect((await scope.list("matter_step")).length).toBe(before);
    });
  });
}
