import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { findUser, findUserByUsername } from "../../../src/store/accounts.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { DIALECTS, freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, PASSWORD, type EditorFixture } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

const unescapeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The hidden revision of the form posting to `action` on a page. */
function revisionOn(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const m = /name="revision" value="([^"]+)"/.exec(form.slice(0, form.indexOf("</form>")));
  if (!m) throw new Error(`no revision in the form posting to ${action}`);
  return m[1];
}

// The message is encoded by the shell and again by the cookie writer.
const flash = (res: Response) =>
  decodeURIComponent(decodeURIComponent(/moot_flash=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? ""));

for (const dialect of DIALECTS) {
  describe(`${dialect}: committees, people, memberships and accounts in the editor`, () => {
    let store: TestStore;
    let f: EditorFixture;
    let other: EditorFixture;
    let s: Scope;
    let app: ReturnType<typeof createApp>;
    let clerk: EditorClient;
    let admin: EditorClient;
    const HOST = "http://democracy.ambridge.example";
    const at = { request: (path: string, init?: RequestInit) => app.request(`${HOST}${path}`, init) };
    const audits = (recordId: string) =>
      store.db
        .selectFrom("audit_entry")
        .select(["operation", "actor", "reason", "tableName"])
        .where("recordId", "=", recordId)
        .orderBy("id")
        .execute();

    beforeAll(async () => {
      store = await freshStore(dialect);
      f = await buildEditorFixture(store, { slug: "ambridge", name: "Ambridge District Council", hosts: ["democracy.ambridge.example"] });
      other = await buildEditorFixture(store, {
        slug: "loxley",
        name: "Loxley Barrett District Council",
        hosts: ["democracy.loxley.example"],
      });
      s = new Scope(store, f.authorityId, "test");
      app = createApp(store);
      clerk = new EditorClient(at);
      admin = new EditorClient(at);
      expect((await clerk.signIn("clerk", PASSWORD)).status).toBe(303);
      expect((await admin.signIn("admin", PASSWORD)).status).toBe(303);
    });
    afterAll(() => store?.cleanup());

    it("a clerk sets up a committee: audited as the clerk, shown to residents with its purpose", async () => {
      const res = await clerk.post("/editor/committees", {
        name: "Health and Wellbeing Board",
        kind: "partnership-board",
        parentId: "",
        description: "Brings the council and the NHS together to plan local health services.",
        minuteScheme: "HWB{n}/{YY}",
        minuteReset: "municipal-year",
        slug: "",
        activeFrom: "2026-05-20",
      });
      expect(res.status).toBe(303);
      const [cm] = await s.list("committee", { slug: "health-and-wellbeing-board" });
      expect(cm).toMatchObject({ kind: "partnership-board", minuteScheme: { pattern: "HWB{n}/{YY}", resetEach: "municipal-year" } });
      expect(res.headers.get("location")).toBe(`/editor/committees/${cm.id}/members`);
      expect(await audits(cm.id)).toEqual([{ operation: "insert", actor: "user:clerk", reason: null, tableName: "committee" }]);
      const list = unescapeHtml(await (await app.request(`${HOST}/committees`)).text());
      expect(list).toContain("Health and Wellbeing Board");
      expect(list).toContain("Brings the council and the NHS together");
      // Loxley's residents do not see it.
      expect(await (await app.request("http://democracy.loxley.example/committees")).text()).not.toContain("Health and Wellbeing");
      // Refusals in plain words, what was typed kept.
      const bad = await clerk.post("/editor/committees", { name: "Health and Wellbeing Board", kind: "other", minuteScheme: "HWB{n}" });
      const html = unescapeHtml(await bad.text());
      expect(bad.status).toBe(409);
      expect(html).toMatch(
        /Web address: the address \/committees\/health-and-wellbeing-board is already used by Health and Wellbeing Board/,
      );
      const noN = unescapeHtml(
        await (await clerk.post("/editor/committees", { name: "Licensing", kind: "other", minuteScheme: "L/" })).text(),
      );
      const summary = noN
        .slice(noN.indexOf('id="error-summary"'), noN.indexOf("</div>", noN.indexOf('id="error-summary"')))
        .replace(/<[^>]+>/g, " ");
      expect(summary).toMatch(/Minute numbers: pattern must contain \{n\}/);
      expect(summary).not.toMatch(/minuteScheme|invalid committee|Too small/);
    });

    it("editing a committee from a stale page is refused with 409 and both versions shown", async () => {
      const url = `/editor/committees/${f.committees.planning.id}`;
      const one = await (await clerk.get(url)).text();
      const two = await (await admin.get(url)).text();
      const form = {
        name: "Planning Committee",
        kind: "regulatory",
        parentId: "",
        minuteScheme: "{n}",
        minuteReset: "never",
        slug: "planning",
      };
      expect(
        (await clerk.post(url, { ...form, description: "Decides planning applications.", revision: revisionOn(one, url) })).status,
      ).toBe(303);
      const stale = await admin.post(url, { ...form, description: "Major applications only.", revision: revisionOn(two, url) });
      const html = unescapeHtml(await stale.text());
      expect(stale.status).toBe(409);
      expect(html).toMatch(/Someone else saved a change to this committee after you opened it/);
      expect(html).toContain("Decides planning applications.");
      expect(html).toContain("Major applications only.");
      expect((await s.require("committee", f.committees.planning.id)).description).toBe("Decides planning applications.");
    });

    it("deleting a committee takes a confirmation step; one with meetings is refused and retired instead", async () => {
      const created = await clerk.post("/editor/committees", { name: "Typo Committe", kind: "other", minuteScheme: "{n}" });
      const id = created.headers.get("location")!.split("/")[3];
      const ask = await clerk.post(`/editor/committees/${id}/delete`, {});
      const askHtml = await ask.text();
      expect(ask.status).toBe(200);
      expect(askHtml).toContain("Delete Typo Committe?");
      expect(askHtml).toMatch(/<button type="submit" class="danger">Yes, delete Typo Committe<\/button>/);
      expect(await s.get("committee", id)).toBeDefined(); // asking changed nothing
      const done = await clerk.post(`/editor/committees/${id}/delete`, { confirm: "yes" });
      expect(done.status).toBe(303);
      expect(flash(done)).toBe("Typo Committe is deleted.");
      expect(await s.get("committee", id)).toBeUndefined();
      expect((await audits(id)).map((a) => [a.operation, a.actor])).toEqual([
        ["insert", "user:clerk"],
        ["delete", "user:clerk"],
      ]);

      const scrutiny = f.committees.scrutiny.id;
      await createMeeting(s, { committeeId: scrutiny, localDate: "2026-03-03", localTime: "18:00" });
      const refused = await clerk.post(`/editor/committees/${scrutiny}/delete`, { confirm: "yes" });
      expect(refused.status).toBe(422);
      expect(unescapeHtml(await refused.text())).toContain(
        "Overview and Scrutiny Committee has 1 meeting on record, so it cannot be deleted: retire it instead",
      );
      const retireAsk = await clerk.post(`/editor/committees/${scrutiny}/retire`, { activeTo: "2026-04-30" });
      expect(retireAsk.status).toBe(200);
      expect(await retireAsk.text()).toMatch(/Every\s+membership still running then ends on that date/);
      expect((await s.require("committee", scrutiny)).activeTo).toBe(null);
      expect((await clerk.post(`/editor/committees/${scrutiny}/retire`, { activeTo: "2026-04-30", confirm: "yes" })).status).toBe(303);
      expect((await s.require("committee", scrutiny)).activeTo).toBe("2026-04-30");
      const list = await (await app.request(`${HOST}/committees`)).text();
      expect(list).toMatch(/Overview and Scrutiny Committee<\/a><span class="meta"> \(until 30 Apr 2026\)/);
    });

    it("people: a councillor and an officer added and edited; deletes refused in plain words where records depend on them", async () => {
      const res = await clerk.post("/editor/people", {
        name: "Elizabeth Pargetter",
        honorific: "Cllr",
        kind: "councillor",
        party: "Independent",
        ward: "Lower Loxley",
        post: "",
        service: "",
        email: "",
        slug: "",
      });
      expect(res.status).toBe(303);
      const [liz] = await s.list("person", { slug: "elizabeth-pargetter" });
      expect(liz).toMatchObject({ party: "Independent", ward: "Lower Loxley", honorific: "Cllr" });
      const wrong = unescapeHtml(
        await (await clerk.post("/editor/people", { name: "Alan Franks", kind: "officer", party: "Labour" })).text(),
      );
      expect(wrong).toMatch(/Party: only a councillor has a party and a ward/);
      expect(wrong).toContain('value="Alan Franks"');
      // Stale edit of a person.
      const url = `/editor/people/${liz.id}`;
      const one = await (await clerk.get(url)).text();
      const two = await (await admin.get(url)).text();
      const form = {
        name: "Elizabeth Pargetter",
        honorific: "Cllr",
        kind: "councillor",
        party: "Independent",
        post: "",
        service: "",
        email: "",
      };
      expect((await clerk.post(url, { ...form, ward: "Loxley", revision: revisionOn(one, url) })).status).toBe(303);
      const stale = await admin.post(url, { ...form, ward: "Hollerton", revision: revisionOn(two, url) });
      expect(stale.status).toBe(409);
      expect((await s.require("person", liz.id)).ward).toBe("Loxley");
      // Tom signs in as a member: the page says so (to staff) and the delete is refused.
      const tomPage = unescapeHtml(await (await clerk.get(`/editor/people/${f.people.member.id}`)).text());
      expect(tomPage).toContain('Tom Forrest signs in as "tom"');
      const refused = await clerk.post(`/editor/people/${f.people.member.id}/delete`, { confirm: "yes" });
      expect(refused.status).toBe(422);
      expect(unescapeHtml(await refused.text())).toContain('this person signs in as "tom"');
      expect(await s.get("person", f.people.member.id)).toBeDefined();
      // Liz was entered by mistake: deleted after the confirmation.
      expect((await clerk.post(`${url}/delete`, {})).status).toBe(200);
      expect(await s.get("person", liz.id)).toBeDefined();
      expect((await clerk.post(`${url}/delete`, { confirm: "yes" })).status).toBe(303);
      expect(await s.get("person", liz.id)).toBeUndefined();
    });

    it("memberships: roles and dates, one Chair at a time, a substitute, removal with confirmation", async () => {
      const planning = f.committees.planning.id;
      const members = `/editor/committees/${planning}/members`;
      const chair = await clerk.post(members, { personId: f.people.chair.id, role: "chair", fromDate: "2026-05-20", toDate: "" });
      expect(chair.status).toBe(303);
      expect(flash(chair)).toBe("Jill Archer added as Chair.");
      const second = await clerk.post(members, { personId: f.people.member.id, role: "chair", fromDate: "2026-06-01" });
      expect(second.status).toBe(409);
      expect(unescapeHtml(await second.text())).toContain(
        "Role: Jill Archer is Chair of Planning Committee from 20 May 2026; a committee has one Chair at a time, so end that first",
      );
      expect((await clerk.post(members, { personId: f.people.member.id, role: "substitute", fromDate: "2026-06-01" })).status).toBe(303);
      const officer = await clerk.post(members, { personId: f.people.officer.id, role: "member" });
      expect(officer.status).toBe(422);
      const page = unescapeHtml(await (await clerk.get(members)).text());
      expect(page).toMatch(/Jill Archer[\s\S]*Chair[\s\S]*Tom Forrest[\s\S]*Substitute/);
      const [seat] = await s.list("membership", { committeeId: planning, personId: f.people.member.id });
      const seatPage = await (await clerk.get(`/editor/memberships/${seat.id}`)).text();
      const ended = await clerk.post(`/editor/memberships/${seat.id}`, {
        role: "substitute",
        fromDate: "2026-06-01",
        toDate: "2027-05-19",
        coOptedKind: "",
        representing: "",
        revision: revisionOn(seatPage, `/editor/memberships/${seat.id}`),
      });
      expect(ended.status).toBe(303);
      expect((await s.require("membership", seat.id)).toDate).toBe("2027-05-19");
      expect((await clerk.post(`/editor/memberships/${seat.id}/remove`, {})).status).toBe(200);
      expect((await clerk.post(`/editor/memberships/${seat.id}/remove`, { confirm: "yes" })).status).toBe(303);
      expect(await s.get("membership", seat.id)).toBeUndefined();
      expect((await audits(seat.id)).map((a) => a.operation)).toEqual(["insert", "update", "delete"]);
    });

    it("terms of office for a councillor", async () => {
      const url = `/editor/people/${f.people.sub.id}`;
      expect((await clerk.post(`${url}/terms`, { start: "2023-05-05", end: "" })).status).toBe(303);
      const overlap = await clerk.post(`${url}/terms`, { start: "2024-01-01", end: "2024-02-01" });
      expect(overlap.status).toBe(422);
      expect(await (await clerk.get(url)).text()).toContain("(still serving)");
    });

    it("accounts: an administrator creates, changes, disables; a clerk cannot, and no one changes their own role", async () => {
      // The clerk is refused every account route, including making themselves an administrator.
      const clerkId = f.users.clerk.user.id;
      expect((await clerk.get("/editor/accounts")).status).toBe(403);
      const escalate = await clerk.post(`/editor/accounts/${clerkId}`, { displayName: "Pat", role: "admin", personId: "" });
      expect(escalate.status).toBe(403);
      expect((await findUser(s, clerkId))!.role).toBe("clerk");
      expect(await (await clerk.get("/editor")).text()).not.toContain('href="/editor/accounts"');
      expect(await (await admin.get("/editor")).text()).toContain('href="/editor/accounts"');

      const created = await admin.post("/editor/accounts", {
        username: "lynda",
        displayName: "",
        role: "member",
        personId: f.people.sub.id,
      });
      expect(created.status).toBe(200);
      const html = await created.text();
      const password = /The password for <strong>lynda<\/strong> is <code>([^<]+)<\/code>/.exec(html)?.[1];
      expect(password).toBeTruthy();
      expect(created.headers.get("set-cookie") ?? "").not.toContain(password!);
      expect(created.headers.get("cache-control")).toBe("private, no-store");
      const lynda = (await findUserByUsername(s, "lynda"))!;
      expect(lynda).toMatchObject({ role: "member", personId: f.people.sub.id, displayName: "Lynda Snell" });
      expect((await new EditorClient(at).signIn("lynda", password!)).status).toBe(303);

      // The administrator cannot demote themselves.
      const self = await admin.post(`/editor/accounts/${f.users.admin.user.id}`, { displayName: "admin", role: "clerk", personId: "" });
      expect(self.status).toBe(403);
      expect(unescapeHtml(await self.text())).toContain("you cannot change your own role; ask another administrator");

      // A stale form is refused.
      const url = `/editor/accounts/${lynda.id}`;
      const loaded = await (await admin.get(url)).text();
      const rev = revisionOn(loaded, url);
      expect((await admin.post(url, { displayName: "Lynda Snell", role: "clerk", personId: "", revision: rev })).status).toBe(303);
      const stale = await admin.post(url, { displayName: "Lynda S.", role: "admin", personId: "", revision: rev });
      expect(stale.status).toBe(409);
      expect((await findUser(s, lynda.id))!.role).toBe("clerk");

      // Disable: asked first, then signed out everywhere.
      const signedIn = new EditorClient(at);
      expect((await signedIn.signIn("lynda", password!)).status).toBe(303);
      expect((await admin.post(`${url}/disable`, {})).status).toBe(200);
      expect((await findUser(s, lynda.id))!.disabled).toBe(false);
      expect((await admin.post(`${url}/disable`, { confirm: "yes" })).status).toBe(303);
      expect((await signedIn.get("/editor")).headers.get("location")).toMatch(/^\/sign-in/);
      const trail = await audits(lynda.id);
      expect(trail.map((a) => [a.operation, a.actor, a.reason])).toEqual([
        ["insert", "user:admin", null],
        ["update", "user:admin", "role changed from Member (councillor or co-opted member) to Clerk"],
        ["update", "user:admin", "account disabled"],
      ]);

      // Another council's account, through this council's editor, is not found.
      expect((await admin.get(`/editor/accounts/${other.users.clerk.user.id}`)).status).toBe(404);
      const foreign = await admin.post(`/editor/accounts/${other.users.clerk.user.id}/disable`, { confirm: "yes" });
      expect(foreign.status).toBe(404);
      expect((await findUser(new Scope(store, other.authorityId, "t"), other.users.clerk.user.id))!.disabled).toBe(false);
      // Nor can a person of another council be linked.
      const link = await admin.post("/editor/accounts", { username: "stranger", role: "member", personId: other.people.chair.id });
      expect(link.status).toBe(400);
      expect(await findUserByUsername(s, "stranger")).toBeUndefined();
    });

    it("the public never sees a sign-in user name or an account's link", async () => {
      await admin.post("/editor/accounts", { username: "jill.login.7731", role: "member", personId: f.people.chair.id });
      const pages = [
        "/people",
        `/people/${f.people.chair.slug}`,
        `/people/${f.people.member.slug}`,
        `/committees/${f.committees.planning.slug}`,
        "/committees",
        "/api/v1/people",
        `/api/v1/people/${f.people.chair.id}`,
        "/open-data/popolo.json",
        "/oparl/v1/body",
      ];
      const wrong: string[] = [];
      for (const p of pages) {
        const res = await app.request(`${HOST}${p}`);
        const body = await res.text();
        if (res.status >= 500) wrong.push(`${p}: ${res.status}`);
        for (const secret of ["jill.login.7731", '"tom"', ">tom<", "Pat Clerk", "passwordHash", "scrypt$"])
          if (body.includes(secret)) wrong.push(`${p} shows ${secret}`);
      }
      expect(wrong).toEqual([]);
    });
  });
}
