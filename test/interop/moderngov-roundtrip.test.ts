import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthority } from "../../src/store/authorities.js";
import { refsFor } from "../../src/store/queries/interop-refs.js";
import { Scope } from "../../src/store/records.js";
import { importModernGov } from "../../src/ingest/moderngov/import.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildModernGovFixture } from "./moderngov-fixture.js";

const NOW = new Date("2026-03-01T12:00:00Z");

/**
 * One Moot's service, saved by a client and imported into another Moot: decisions, attendance
 * and the ids all arrive, the second import changes nothing, and the copy serves the same XML.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: ModernGov responses round-trip through import`, () => {
    let store: TestStore;
    const dir = mkdtempSync(join(tmpdir(), "moot-mg-rt-"));
    let files: string[];
    let source: ReturnType<typeof createApp>;
    let meetingNo: number;
    beforeAll(async () => {
      store = await freshStore(dialect);
      const f = await buildModernGovFixture(store, "source", true);
      const s = f.scope;
      await s.create("decision", {
        meetingId: f.meetings.held.id,
        agendaItemId: f.items[1].id,
        text: "RESOLVED: that the work programme be agreed.",
        decidedOn: "2026-02-10",
        kind: "resolved",
      });
      source = createApp(store, { authorityId: f.authority.id, now: () => NOW });
      const get = async (path: string) => (await source.request(`http://source.example${path}`)).text();
      await get("/mgWebService.asmx/GetCommittees");
      const committeeNo = (await refsFor(store, f.authority.id, "committee")).get(f.committees.audit.id)!;
      await get("/mgWebService.asmx/GetAllMeetingsByDate?lCommitteeId=0");
      meetingNo = (await refsFor(store, f.authority.id, "meeting")).get(f.meetings.held.id)!;
      const saved: Record<string, string> = {
        "committees.xml": await get("/mgWebService.asmx/GetCommittees"),
        "meetings.xml": await get(`/mgWebService.asmx/GetMeetings?lCommitteeId=${committeeNo}&sFromDate=01/01/2026&sToDate=31/03/2026`),
        "meeting.xml": await get(`/mgWebService.asmx/GetMeeting?lMeetingId=${meetingNo}`),
        "councillors.xml": await get("/mgWebService.asmx/GetCouncillorsByWard"),
      };
      files = Object.entries(saved).map(([name, xml]) => {
        writeFileSync(join(dir, name), xml);
        return join(dir, name);
      });
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("imports decisions and attendance, changes nothing the second time, and serves the same XML", async () => {
      const a = await createAuthority(store, { slug: "copy", name: "Copy Council" });
      const scope = new Scope(store, a.id, "import");
      const first = await importModernGov(scope, [dir], NOW);
      expect(first.failures).toEqual([]);
      expect(first.counts.created).toMatchObject({ decision: 1, attendance: 2, document: 2, minute: 2, person: 2 });
      const decisions = await scope.list("decision");
      expect(decisions.map((d) => d.text)).toEqual(["RESOLVED: that the work programme be agreed."]);
      const attendance = await scope.list("attendance");
      expect(attendance.map((x) => x.status).sort()).toEqual(["apologies", "present"]);
      const second = await importModernGov(scope, files, NOW);
      expect(second.counts).toMatchObject({ created: {}, updated: {} });
      const copy = createApp(store, { authorityId: a.id, now: () => NOW });
      const read = async (app: typeof copy, path: string) => (await app.request(`http://source.example${path}`)).text();
      for (const path of [`/mgWebService.asmx/GetMeeting?lMeetingId=${meetingNo}`, "/mgWebService.asmx/GetCouncillorsByWard"])
        expect(await read(copy, path), path).toBe(await read(source, path));
    });
  });
}
