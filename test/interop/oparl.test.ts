import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { createApp } from "../../src/web/app.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, type WebFixture } from "../support/web-fixtures.js";
import { addMatters } from "../support/matter-fixtures.js";
import { haveOparl, OPARL_SCHEMAS } from "./captures.js";

type Json = Record<string, unknown>;
type App = ReturnType<typeof createApp>;
const BASE = "http://moot.example";

/** The OParl 1.1 schemas as published (their own keywords such as "references" are ignored, not errors). */
function validators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("url", /^https?:\/\/\S+$/);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  return new Map(
    readdirSync(OPARL_SCHEMAS)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [
        `https://schema.oparl.org/1.1/${f.replace(".json", "")}`,
        ajv.compile(JSON.parse(readFileSync(join(OPARL_SCHEMAS, f), "utf8"))),
      ]),
  );
}

/** Every OParl object inside a value, embedded ones included. */
function objectsIn(v: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(v)) for (const x of v) objectsIn(x, out);
  else if (v && typeof v === "object") {
    const o = v as Json;
    if (typeof o.type === "string" && o.type.startsWith("https://schema.oparl.org/1.1/")) out.push(o);
    for (const x of Object.values(o)) objectsIn(x, out);
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe.skipIf(!haveOparl)(`${dialect}: OParl 1.1`, () => {
    let store: TestStore;
    let f: WebFixture;
    let app: App;
    const schemas = haveOparl ? validators() : new Map<string, ValidateFunction>();
    const get = async (path: string): Promise<{ status: number; body: Json }> => {
      const res = await app.request(path.startsWith("http") ? path : `${BASE}${path}`);
      return { status: res.status, body: (await res.json()) as Json };
    };
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      await addMatters(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());

    it("every object served validates against its schema: system, body, every list, every object", async () => {
      const system = (await get("/oparl/v1")).body;
      const seen: Json[] = [system];
      const bodies = (await get(system.body as string)).body;
      const body = (bodies.data as Json[])[0];
      seen.push(...objectsIn(bodies), (await get(body.id as string)).body);
      const listFields = [
        "organization",
        "person",
        "meeting",
        "paper",
        "agendaItem",
        "consultation",
        "file",
        "locationList",
        "legislativeTermList",
        "membership",
      ];
      const counts: Record<string, number> = {};
      for (const field of listFields) {
        const page = (await get(body[field] as string)).body;
        const data = page.data as Json[];
        counts[field] = data.length;
        seen.push(...objectsIn(data));
        for (const o of data) seen.push(...objectsIn((await get(o.id as string)).body));
      }
      expect(counts).toMatchObject({ organization: 2, person: 4, meeting: 6, membership: 4 });
      expect(counts.agendaItem).toBeGreaterThanOrEqual(3);
      expect(counts.file).toBeGreaterThanOrEqual(3);
      expect(counts.paper).toBeGreaterThanOrEqual(1);
      const types = new Set<string>();
      const failures: string[] = [];
      for (const o of seen) {
        const validate = schemas.get(o.type as string);
        expect(validate, o.type as string).toBeDefined();
        types.add(String(o.type).split("/").at(-1)!);
        const id = String(o.id);
        if (!validate!(o)) failures.push(`${id}: ${JSON.stringify(validate!.errors)}`);
      }
      expect(failures).toEqual([]);
      expect([...types].sort()).toEqual(
        [
          "AgendaItem",
          "Body",
          "Consultation",
          "File",
          "LegislativeTerm",
          "Location",
          "Meeting",
          "Membership",
          "Organization",
          "Paper",
          "Person",
          "System",
        ].sort(),
      );
    });

    it("carries UK facts as extension fields", async () => {
      const items = ((await get("/oparl/v1/body/borchester/agenda-items?limit=1000")).body.data as Json[]).filter(
        (i) => i.name === "Library Services Review",
      );
      expect(items).toHaveLength(1);
      // In matter 25/00101 (not a key decision); its decision is not subject to call-in.
      expect(items[0]).toMatchObject({ public: true, "moot:exemptParagraph": null, "moot:keyDecision": false, "moot:callIn": null });
      expect(items[0]!["moot:matters"]).toHaveLength(1);
      const depot = ((await get("/oparl/v1/body/borchester/agenda-items?limit=1000")).body.data as Json[]).find(
        (i) => i.name === "Sale of the Old Depot",
      );
      expect(depot!["moot:callIn"]).toMatchObject({ state: "called-in", from: "2025-07-21", endsOn: "2025-07-28" });
      // An item in no matter says nothing about key decisions rather than guess.
      const apologies = ((await get("/oparl/v1/body/borchester/agenda-items?limit=1000")).body.data as Json[]).find(
        (i) => i.name === "Apologies for absence",
      );
      expect(apologies!["moot:keyDecision"]).toBeNull();
    });

    it("pages with links, and refuses bad paging or filter values", async () => {
      const first = (await get("/oparl/v1/body/borchester/meetings?limit=3")).body;
      expect(first.pagination).toMatchObject({ totalElements: 6, elementsPerPage: 3, currentPage: 1, totalPages: 2 });
      const links = first.links as Json;
      expect(links.prev).toBeUndefined();
      const second = (await get(links.next as string)).body;
      expect(second.pagination).toMatchObject({ currentPage: 2 });
      expect((second.links as Json).next).toBeUndefined();
      const ids = [...(first.data as Json[]), ...(second.data as Json[])].map((m) => m.id);
      expect(new Set(ids).size).toBe(6);
      expect((await get("/oparl/v1/body/borchester/meetings?limit=0")).status).toBe(400);
      expect((await get("/oparl/v1/body/borchester/meetings?modified_since=yesterday")).status).toBe(400);
      expect((await get("/oparl/v1/body/elsewhere/meetings")).status).toBe(404);
      expect((await get("/oparl/v1/meeting/nope")).status).toBe(404);
    });

    it("modified_since returns what changed since, including deletions, and a deleted object still answers", async () => {
      const all = (await get("/oparl/v1/body/borchester/meetings")).body.data as Json[];
      const since = new Date(Date.now() + 5).toISOString();
      await new Promise((r) => setTimeout(r, 10));
      expect(((await get(`/oparl/v1/body/borchester/meetings?modified_since=${since}`)).body.data as Json[]).length).toBe(0);
      const s = new Scope(store, f.authorityId, "test");
      await s.update("meeting", f.meetings.future, { venue: "The Corn Exchange" });
      await s.delete("meeting", f.meetings.cancelled);
      const changed = (await get(`/oparl/v1/body/borchester/meetings?modified_since=${encodeURIComponent(since)}`)).body.data as Json[];
      expect(changed.map((m) => [String(m.id).split("/").at(-1), m.deleted ?? false]).sort()).toEqual(
        [
          [f.meetings.future, false],
          [f.meetings.cancelled, true],
        ].sort(),
      );
      const gone = changed.find((m) => m.deleted)!;
      expect(schemas.get(gone.type as string)!(gone)).toBe(true);
      const single = await get(gone.id as string);
      expect(single).toMatchObject({ status: 200, body: { deleted: true } });
      // without modified_since a full list holds only live objects
      const now = (await get("/oparl/v1/body/borchester/meetings")).body.data as Json[];
      expect(now.length).toBe(all.length - 1);
      expect(now.some((m) => m.deleted)).toBe(false);
      // a deleted meeting's items are reported deleted as well
      const items = (await get(`/oparl/v1/body/borchester/agenda-items?modified_since=${encodeURIComponent(since)}`)).body.data as Json[];
      expect(items.every((i) => i.deleted === true || String(i.meeting).endsWith(f.meetings.future))).toBe(true);
    });
  });
}
