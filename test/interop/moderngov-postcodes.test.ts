import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalisePostcode } from "../../src/domain/postcode.js";
import { readWardPostcodes } from "../../src/ingest/ward-postcodes.js";
import { createAuthority } from "../../src/store/authorities.js";
import { Scope } from "../../src/store/records.js";
import { dataVersion } from "../../src/store/queries/site.js";
import { allWardPostcodes, replaceWardPostcodes } from "../../src/store/queries/ward-postcodes.js";
import { createApp } from "../../src/web/app.js";
import { runCli } from "../support/run-cli.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildModernGovFixture } from "./moderngov-fixture.js";
import { scraperClient } from "./scraper-client.js";

const BASE = "http://moot.example";
const EMPTY = ['<?xml version="1.0" encoding="utf-8"?>', "<councillorsbyward>", "  <wards>", "  </wards>", "</councillorsbyward>"].join(
  "\r\n",
);

/**
 * A made-up extract of the ONS postcode directory (ONSPD column names; codes and postcodes
 * invented): two wards of the fixture council by GSS code, a postcode of another council, a
 * terminated postcode, one with no ward (the ONS pseudo-code), and the printed forms pcd
 * (padded to 7) and pcds (one space).
 */
const ONSPD = [
  "pcd,pcd2,pcds,dointr,doterm,oslaua,osward,lat,long",
  '"DT1 1AA","DT1  1AA","DT1 1AA",198001,,E06099001,E05099011,50.71,-2.43',
  '"DT1 2BB","DT1  2BB","DT1 2BB",198001,,E06099001,E05099011,50.71,-2.43',
  '"DT2 7ZZ","DT2  7ZZ","DT2 7ZZ",198001,,E06099001,E05099012,50.72,-2.30',
  '"DT2 8AB","DT2  8AB","DT2 8AB",198001,200506,E06099001,E05099012,50.72,-2.30',
  '"DT9 9XX","DT9  9XX","DT9 9XX",198001,,E06099001,E05099999,50.72,-2.30',
  '"BA1 1AA","BA1  1AA","BA1 1AA",198001,,E06099002,E05099021,51.38,-2.36',
  '"DT3 3CC","DT3  3CC","DT3 3CC",198001,,E06099001,E99999999,50.70,-2.40',
].join("\r\n");
const WARD_NAMES = [
  "WD24CD,WD24NM,LAD24CD",
  "E05099011,Casterbridge,E06099001",
  "E05099012,Weatherbury,E06099001",
  "E05099021,Bath Abbey,E06099002",
].join("\n");

for (const dialect of DIALECTS) {
  describe(`${dialect}: GetCouncillorsByPostcode`, () => {
    let store: TestStore;
    let f: Awaited<ReturnType<typeof buildModernGovFixture>>;
    let app: ReturnType<typeof createApp>;
    const dir = mkdtempSync(join(tmpdir(), "moot-postcodes-"));
    const get = async (path: string) => {
      const res = await app.request(`${BASE}${path}`);
      return { status: res.status, type: res.headers.get("content-type"), body: Buffer.from(await res.arrayBuffer()).toString("utf8") };
    };
    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildModernGovFixture(store);
      app = createApp(store, { authorityId: f.authority.id, now: () => new Date("2026-03-01T12:00:00Z") });
      writeFileSync(join(dir, "onspd.csv"), ONSPD);
      writeFileSync(join(dir, "wards.csv"), WARD_NAMES);
    });
    afterAll(async () => {
      await store.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it("normalises postcodes as people type them", () => {
      expect(["dt11aa", " DT1  1AA ", "Dt1\t1aA", "DT1 1AA"].map(normalisePostcode)).toEqual(Array(4).fill("DT1 1AA"));
      expect(normalisePostcode("sw1a1aa")).toBe("SW1A 1AA");
      expect(normalisePostcode("m11ae")).toBe("M1 1AE");
      expect(["", "DT1", "not a postcode", "DT1 1A", "12345", "DT1 1AAA"].map(normalisePostcode)).toEqual(Array(6).fill(null));
    });

    it("reads the ONS directory for one council: codes named, terminated and ward-less postcodes left out", async () => {
      const known = join(dir, "onspd-known.csv");
      writeFileSync(
        known,
        ONSPD.split("\r\n")
          .filter((l) => !l.includes("E05099999"))
          .join("\r\n"),
      );
      const read = await readWardPostcodes(known, { localAuthority: "e06099001", wardNamesFile: join(dir, "wards.csv") });
      expect(read.rows).toEqual([
        { postcode: "DT1 1AA", ward: "Casterbridge" },
        { postcode: "DT1 2BB", ward: "Casterbridge" },
        { postcode: "DT2 7ZZ", ward: "Weatherbury" },
      ]);
      expect(read.skipped).toBe(1); // DT3 3CC: the ONS pseudo-code for "no ward"
    });

    it("answers with the ward's councillors in GetCouncillorsByWard's exact bytes, for any spacing or case", async () => {
      const plain = join(dir, "plain.csv");
      writeFileSync(plain, "postcode,ward\nDT1 1AA,Casterbridge\ndt12bb,CASTERBRIDGE\nDT2 7ZZ,Weatherbury\nDT4 4DD,Egdon Heath\n");
      const read = await readWardPostcodes(plain);
      expect(await replaceWardPostcodes(new Scope(store, f.authority.id, "test"), read.rows)).toEqual({
        added: 4,
        changed: 0,
        removed: 0,
        unchanged: 0,
      });
      const byWard = (await get("/mgWebService.asmx/GetCouncillorsByWard")).body;
      const casterbridgeOnly = byWard.replace(/\r\n {4}<ward>\r\n {6}<wardtitle>Weatherbury<\/wardtitle>[\s\S]*?\r\n {4}<\/ward>/, "");
      expect(casterbridgeOnly).not.toBe(byWard);
      expect(casterbridgeOnly).toContain("<wardtitle>Casterbridge</wardtitle>");
      for (const asked of ["DT1 1AA", "dt11aa", "%20DT1%20%201aa%20", "dt1%201aa"]) {
        const res = await get(`/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=${asked}`);
        expect(res.status, asked).toBe(200);
        expect(res.type).toBe("text/xml; charset=utf-8");
        expect(res.body, asked).toBe(casterbridgeOnly);
      }
      // the ward's name written another way in the list still finds it
      expect((await get("/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT1+2BB")).body).toBe(casterbridgeOnly);
      // parameter names match case-insensitively, as for every operation
      expect((await get("/mgWebService.asmx/getcouncillorsbypostcode?SPOSTCODE=DT27ZZ")).body).toContain(
        "<wardtitle>Weatherbury</wardtitle>",
      );
    });

    it("gives ModernGov's empty result for a postcode it does not know, a ward with no councillor, or no postcode at all", async () => {
      for (const asked of ["ZZ9 9ZZ", "DT4 4DD", "not-a-postcode", ""])
        expect(await get(`/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=${encodeURIComponent(asked)}`), asked).toMatchObject({
          status: 200,
          body: EMPTY,
        });
      expect(await get("/mgWebService.asmx/GetCouncillorsByPostcode")).toMatchObject({
        status: 400,
        body: "Missing parameter: sPostcode.",
      });
    });

    it("answers SOAP and lists the operation in the WSDL", async () => {
      const res = await app.request(`${BASE}/mgWebService.asmx`, {
        method: "POST",
        headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: '"http://moderngov.co.uk/namespaces/GetCouncillorsByPostcode"' },
        body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetCouncillorsByPostcode xmlns="http://moderngov.co.uk/namespaces"><sPostcode>dt2 7zz</sPostcode></GetCouncillorsByPostcode></soap:Body></soap:Envelope>`,
      });
      expect(res.status).toBe(200);
      const soap = await res.text();
      const payload = /<GetCouncillorsByPostcodeResult>([\s\S]*)<\/GetCouncillorsByPostcodeResult>/.exec(soap)![1]!;
      const plain = (await get("/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT27ZZ")).body;
      expect(payload.replace('<councillorsbyward xmlns="">', "<councillorsbyward>")).toBe(
        plain.slice(plain.indexOf("<councillorsbyward>")),
      );
      const wsdl = (await get("/mgWebService.asmx?WSDL")).body;
      expect(wsdl).toMatch(/<s:element name="GetCouncillorsByPostcode">[\s\S]*?name="sPostcode" type="s:string"/);
    });

    it("a scraper-style client finds a resident's councillor by postcode", async () => {
      const client = scraperClient(async (path) => (await get(path)).body);
      expect((await client.councillorsByPostcode("DT1 1AA")).map((c) => [c.name, c.ward, c.party])).toEqual([
        ["Councillor Tess Hardy", "Casterbridge", "LAB"],
      ]);
      expect(await client.councillorsByPostcode("ZZ9 9ZZ")).toEqual([]);
    });

    it("keeps each council's postcodes to itself", async () => {
      const other = await createAuthority(store, { slug: "other-postcodes", name: "Other Borough Council" });
      const otherScope = new Scope(store, other.id, "test");
      await otherScope.create("person", { slug: "a-member", name: "Ann Member", kind: "councillor", ward: "Casterbridge" });
      const otherApp = createApp(store, { authorityId: other.id });
      const res = await otherApp.request(`${BASE}/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT1%201AA`);
      expect(await res.text()).toBe(EMPTY);
      await replaceWardPostcodes(otherScope, [{ postcode: "DT1 1AA", ward: "Casterbridge" }]);
      const now = await (await otherApp.request(`${BASE}/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT1%201AA`)).text();
      expect(now).toContain("Ann Member");
      expect(now).not.toContain("Tess Hardy");
      expect((await allWardPostcodes(store, f.authority.id)).length).toBe(4);
    });

    it("loading the same list again changes nothing; a new list moves and removes postcodes", async () => {
      const scope = new Scope(store, f.authority.id, "test");
      const before = await allWardPostcodes(store, f.authority.id);
      const version = (await dataVersion(store, f.authority.id)).token;
      expect(await replaceWardPostcodes(scope, before)).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 4 });
      expect((await dataVersion(store, f.authority.id)).token).toBe(version);
      const next = [
        { postcode: "DT1 1AA", ward: "Weatherbury" },
        { postcode: "DT2 7ZZ", ward: "Weatherbury" },
      ];
      expect(await replaceWardPostcodes(scope, next)).toEqual({ added: 0, changed: 1, removed: 2, unchanged: 1 });
      expect((await dataVersion(store, f.authority.id)).token).not.toBe(version);
      expect(await allWardPostcodes(store, f.authority.id)).toEqual(next);
      // the service follows at once (its answers are cached by data version)
      expect((await get("/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT11AA")).body).toContain("Gabriel Oak");
      expect((await get("/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=DT12BB")).body).toBe(EMPTY);
    });

    it("refuses a bad file with its line numbers and stores nothing", async () => {
      const stored = await allWardPostcodes(store, f.authority.id);
      const bad = join(dir, "bad.csv");
      writeFileSync(bad, "postcode,ward\nDT1 1AA,Casterbridge\nnonsense,Casterbridge\nDT2 7ZZ,Weatherbury\nDT2 7ZZ,Casterbridge\n");
      await expect(readWardPostcodes(bad)).rejects.toThrow(
        /line 3: "nonsense" is not a postcode[\s\S]*line 5: DT2 7ZZ is in Weatherbury at line 4/,
      );
      const codesOnly = join(dir, "codes.csv");
      writeFileSync(codesOnly, "pcds,osward\nDT1 1AA,E05099011\n");
      await expect(readWardPostcodes(codesOnly)).rejects.toThrow(/ward codes only; give --ward-names/);
      await expect(readWardPostcodes(join(dir, "onspd.csv"), { wardNamesFile: join(dir, "wards.csv") })).rejects.toThrow(
        /ward code E05099999 is not in the ward names file/,
      );
      await expect(readWardPostcodes(join(dir, "missing.csv"))).rejects.toThrow(/no such file/);
      const noHeader = join(dir, "noheader.csv");
      writeFileSync(noHeader, "DT1 1AA,Casterbridge\n");
      expect((await readWardPostcodes(noHeader)).rows).toEqual([{ postcode: "DT1 1AA", ward: "Casterbridge" }]);
      expect(await allWardPostcodes(store, f.authority.id)).toEqual(stored);
    });
  });
}

describe("moot postcodes import (the command)", () => {
  const dir = mkdtempSync(join(tmpdir(), "moot-postcodes-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the ONS directory for one council, says which wards find nobody, and changes nothing the second time", async () => {
    writeFileSync(join(dir, "onspd.csv"), ONSPD.replace(/E05099999/, "E05099012"));
    writeFileSync(join(dir, "wards.csv"), WARD_NAMES);
    const env = { MOOT_DATA_DIR: join(dir, "data") };
    expect((await runCli(["authority", "add", "Wessex City Council", "--slug", "wessex"], env)).code).toBe(0);
    const args = ["postcodes", "import", join(dir, "onspd.csv"), "--local-authority", "E06099001", "--ward-names", join(dir, "wards.csv")];
    const first = await runCli(args, env);
    expect(first.stderr).toContain("2 ward(s) in the file have no councillor with that ward: Casterbridge; Weatherbury");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("4 postcodes in 2 wards (4 added, 0 moved ward, 0 removed, 0 unchanged; 1 rows without a ward skipped)");
    const second = await runCli(args, env);
    expect(second.stdout).toContain("(0 added, 0 moved ward, 0 removed, 4 unchanged;");
    const bad = await runCli(["postcodes", "import", join(dir, "onspd.csv")], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("gives ward codes only");
  }, 900_000);
});
