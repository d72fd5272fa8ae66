import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scope } from "../../src/store/records.js";
import { createApp } from "../../src/web/app.js";
import { getAuthority } from "../../src/store/authorities.js";
import { publicRecords } from "../../src/web/interop/public-records.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, FIXTURE_NOW, markExempt, SECRETS as WEB_SECRETS, type WebFixture } from "../support/web-fixtures.js";
import { addVotes, VOTE_SECRETS } from "../support/vote-fixtures.js";

const SECRETS = { ...WEB_SECRETS, ...VOTE_SECRETS };

type App = ReturnType<typeof createApp>;
type Json = Record<string, unknown>;

/** Every file of an archive, as text: a compressed download hides nothing from this. */
async function unzip(res: Response): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) out[name] = await zip.files[name].async("string");
  return out;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Popolo and the bulk archive`, () => {
    let store: TestStore;
    let f: WebFixture;
    let app: App;
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildWebFixture(store);
      await addVotes(store, f);
      app = createApp(store, { now: () => FIXTURE_NOW });
    });
    afterAll(() => store.cleanup());

    it("the open-data page links the downloads and services, and the API page links it", async () => {
      const html = await (await app.request("/open-data")).text();
      for (const href of ["/open-data/public-records.zip", "/open-data/popolo.json", "/oparl/v1", "/mgWebService.asmx"])
        expect(html).toContain(`href="${href}"`);
      expect(await (await app.request("/api/v1")).text()).toContain('href="/open-data"');
    });

    it("Popolo: people, organizations, ward posts, memberships, motions and vote events", async () => {
      const p = (await (await app.request("http://moot.example/open-data/popolo.json")).json()) as Record<string, Json[]>;
      expect(p.persons.map((x) => x.name).sort()).toEqual(["Ada Hart", "Ben Okafor", "Carol Fenn", "Dev Patel"]);
      expect(p.organizations.map((o) => [o.name, o.classification])).toEqual(
        expect.arrayContaining([
          ["Borchester Borough Council", "council"],
          ["Cabinet", "cabinet"],
          ["Children's Scrutiny Committee", "scrutiny"],
          ["Green", "party"],
        ]),
      );
      expect(p.posts.map((x) => x.label)).toEqual(["Councillor for Castle", "Councillor for Riverside"]);
      const seat = p.memberships.find((m) => m.post_id === "post/castle")!;
      expect(seat).toMatchObject({
        person_id: `person/${f.people.chair.id}`,
        organization_id: "organization/borchester",
        on_behalf_of_id: "party/independent",
      });
      expect(p.memberships.filter((m) => m.organization_id === `organization/${f.committees.cabinet.id}`)).toHaveLength(4);
      expect(p.motions.length).toBeGreaterThanOrEqual(2);
      expect(p.motions.every((m) => typeof m.text === "string" && m.organization_id)).toBe(true);
      const tie = p.vote_events.find((e) => JSON.stringify(e.counts).includes('"value":1'))!;
      expect(tie).toMatchObject({ result: "pass", organization_id: `organization/${f.committees.cabinet.id}`, start_date: "2025-07-14" });
      expect(tie.votes).toEqual(
        expect.arrayContaining([
          { voter_id: `person/${f.people.chair.id}`, option: "yes" },
          { voter_id: `person/${f.people.member.id}`, option: "no" },
          { voter_id: `person/${f.people.coopted.id}`, option: "abstain" },
        ]),
      );
      expect(p.motions.some((m) => m.id === tie.motion_id)).toBe(true);
    });

    it("the archive holds JSON and CSV of the public records, is rebuilt on change, and never carries exempt material", async () => {
      const first = await app.request("/open-data/public-records.zip");
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("application/zip");
      expect(first.headers.get("content-disposition")).toContain('filename="borchester-public-records.zip"');
      const etag = first.headers.get("etag")!;
      const files = await unzip(first);
      expect(Object.keys(files).sort()).toEqual(
        [
          "README.txt",
          "agenda-items.csv",
          "attendance.csv",
          "committees.csv",
          "decisions.csv",
          "documents.csv",
          "meetings.csv",
          "memberships.csv",
          "minutes.csv",
          "people.csv",
          "popolo.json",
          "records.json",
          "vote-positions.csv",
          "votes.csv",
        ].sort(),
      );
      const records = JSON.parse(files["records.json"]) as { meetings: unknown[]; people: unknown[] };
      expect(records.meetings).toHaveLength(6);
      expect(files["committees.csv"].split("\r\n")[0]).toBe('"id","slug","name","kind","active_from","active_to"');
      expect(files["committees.csv"]).toContain('"Children\'s Scrutiny Committee"');
      expect((await app.request("/open-data/public-records.zip", { headers: { "If-None-Match": etag } })).status).toBe(304);
      // before the exemption, the archive carries the text that is about to be withheld (so the check below can fail)
      const all = Object.values(files).join("\n");
      for (const name of ["itemDescription", "minuteText", "decisionText", "voteQuestion"] as const)
        expect(all, name).toContain(SECRETS[name]);

      // built once per data version, not per request
      const authority = (await getAuthority(store.db, f.authorityId))!;
      const snapshot = await publicRecords(store, authority);
      expect(await publicRecords(store, authority)).toBe(snapshot);
      await markExempt(store, f);
      expect(await publicRecords(store, authority)).not.toBe(snapshot);
      await new Scope(store, f.authorityId, "clerk").update("committee", f.committees.scrutiny.id, {
        name: "Children and Families Scrutiny",
      });
      const second = await app.request("/open-data/public-records.zip");
      expect(second.headers.get("etag")).not.toBe(etag);
      const after = await unzip(second);
      expect(after["committees.csv"]).toContain('"Children and Families Scrutiny"');
      const text = Object.values(after).join("\n").toLowerCase();
      for (const [name, secret] of Object.entries(SECRETS)) expect(text.includes(secret.toLowerCase()), name).toBe(false);
      const popolo = (await (await app.request("/open-data/popolo.json")).text()).toLowerCase();
      for (const [name, secret] of Object.entries(SECRETS)) expect(popolo.includes(secret.toLowerCase()), name).toBe(false);
    });
  });
}
