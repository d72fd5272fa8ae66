import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app.js";
import { Scope } from "../../../src/store/records.js";
import { createMeeting } from "../../../src/workflow/meetings.js";
import { startAgenda } from "../../../src/workflow/agenda.js";
import { addMinute, declareInterest } from "../../../src/workflow/minutes.js";
import { recordDecision } from "../../../src/workflow/actions.js";
import { recordVote } from "../../../src/workflow/votes.js";
import { createMatter, linkStep } from "../../../src/workflow/matters.js";
import { freshStore, type TestStore } from "../../support/stores.js";
import { buildEditorFixture, daysFromToday, PASSWORD, type EditorFixture, type RoleName } from "../../support/editor-fixture.js";
import { EditorClient } from "../../support/editor-client.js";

type App = ReturnType<typeof createApp>;
type Rule = "open" | "staff" | "signed-in" | "own-person" | "admin";

/**
 * Who may use each editor route. The routes are read from the app itself: a route added
 * without a rule here fails the first test instead of going unchecked.
 */
const RULES: Record<string, Rule> = {
  "GET /sign-in": "open",
  // Email alerts are for anyone: no account, but the form token (and, for confirm and
  // unsubscribe, the secret token in the address) is still required; see test/workflow/alerts.test.ts.
  "POST /alerts": "open",
  "POST /alerts/confirm/:token": "open",
  "POST /alerts/unsubscribe/:token": "open",
  "POST /sign-in": "open",
  "POST /sign-out": "open",
  "GET /editor": "signed-in",
  "GET /editor/meetings/new": "staff",
  "POST /editor/meetings": "staff",
  "GET /editor/meetings/:id": "staff",
  "POST /editor/meetings/:id": "staff",
  "POST /editor/meetings/:id/cancel": "staff",
  "POST /editor/meetings/:id/postpone": "staff",
  "POST /editor/meetings/:id/publish": "staff",
  "POST /editor/meetings/:id/held": "staff",
  "POST /editor/meetings/:id/adjourn": "staff",
  "POST /editor/meetings/:id/reconvene": "staff",
  "GET /editor/meetings/:id/agenda": "staff",
  "GET /editor/meetings/:id/attendance": "staff",
  "GET /editor/meetings/:id/actions": "staff",
  "GET /editor/minutes/:id": "staff",
  "POST /editor/minutes/:id/remove": "staff",
  "POST /editor/decisions/:id": "staff",
  "POST /editor/decisions/:id/remove": "staff",
  "POST /editor/declarations/:id": "staff",
  "POST /editor/declarations/:id/remove": "staff",
  "POST /editor/documents/:id": "staff",
  "POST /editor/documents/:id/remove": "staff",
  "POST /editor/votes/:id": "staff",
  "GET /editor/actions/:id": "staff",
  "POST /editor/actions/:id": "staff",
  "POST /editor/actions/:id/remove": "staff",
  "GET /editor/interests": "staff",
  "POST /editor/meetings/:id/agenda/start": "staff",
  "POST /editor/meetings/:id/agenda/items": "staff",
  "POST /editor/meetings/:id/agenda/from-programme": "staff",
  "POST /editor/meetings/:id/agenda/order": "staff",
  "GET /editor/meetings/:id/pack": "staff",
  "GET /editor/items/:id": "staff",
  "POST /editor/items/:id": "staff",
  "POST /editor/items/:id/cover": "staff",
  "POST /editor/items/:id/papers": "staff",
  "POST /editor/items/:id/remove": "staff",
  "GET /editor/meetings/:id/minutes": "staff",
  "POST /editor/meetings/:id/attendance": "staff",
  "POST /editor/meetings/:id/declarations": "staff",
  "POST /editor/meetings/:id/minutes/draft": "staff",
  "POST /editor/meetings/:id/minutes": "staff",
  "POST /editor/meetings/:id/approve-minutes": "staff",
  "POST /editor/meetings/:id/publish-minutes": "staff",
  "POST /editor/minutes/:id": "staff",
  "POST /editor/minutes/:id/decisions": "staff",
  "POST /editor/minutes/:id/correct": "staff",
  "GET /editor/minutes/:id/votes": "staff",
  "POST /editor/minutes/:id/votes": "staff",
  "POST /editor/votes/:id/remove": "staff",
  "GET /editor/matters": "staff",
  "POST /editor/matters": "staff",
  "GET /editor/matters/:id": "staff",
  "POST /editor/matters/:id": "staff",
  "POST /editor/matters/:id/steps": "staff",
  "POST /editor/matter-steps/:id/remove": "staff",
  "POST /editor/decisions/:id/call-in": "staff",
  "GET /editor/actions": "staff",
  "GET /editor/committees/:id/actions-paper": "staff",
  "POST /editor/actions/:id/updates": "staff",
  "GET /editor/committees/:id/work-programme": "staff",
  "POST /editor/committees/:id/work-programme": "staff",
  "POST /editor/work-programme/:id/schedule": "staff",
  "GET /editor/people/:personId/interests": "own-person",
  "POST /editor/people/:personId/interests": "own-person",
  "POST /editor/people/:personId/interests/:interestId": "own-person",
  // Reference data: committees, people, memberships and terms of office are the clerk's.
  "GET /editor/committees": "staff",
  "GET /editor/committees/new": "staff",
  "POST /editor/committees": "staff",
  "GET /editor/committees/:id": "staff",
  "POST /editor/committees/:id": "staff",
  "POST /editor/committees/:id/retire": "staff",
  "POST /editor/committees/:id/delete": "staff",
  "GET /editor/committees/:id/members": "staff",
  "POST /editor/committees/:id/members": "staff",
  "GET /editor/memberships/:id": "staff",
  "POST /editor/memberships/:id": "staff",
  "POST /editor/memberships/:id/remove": "staff",
  "GET /editor/people": "staff",
  "GET /editor/people/new": "staff",
  "POST /editor/people": "staff",
  "GET /editor/people/:id": "staff",
  "POST /editor/people/:id": "staff",
  "POST /editor/people/:id/delete": "staff",
  "POST /editor/people/:id/terms": "staff",
  "POST /editor/people/:id/terms/remove": "staff",
  // Accounts and roles: administrators only, so a clerk cannot raise their own rights.
  "GET /editor/accounts": "admin",
  "POST /editor/accounts": "admin",
  "GET /editor/accounts/:id": "admin",
  "POST /editor/accounts/:id": "admin",
  "POST /editor/accounts/:id/disable": "admin",
  "POST /editor/accounts/:id/enable": "admin",
  "POST /editor/accounts/:id/password": "admin",
};

/** Editor GETs and every state-changing route anywhere in the app. */
function editorRoutes(app: App): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === "ALL" || r.path.includes("*")) continue;
    const editorGet = r.method === "GET" && (r.path === "/editor" || r.path.startsWith("/editor/") || r.path === "/sign-in");
    if (editorGet || !["GET", "HEAD", "OPTIONS"].includes(r.method)) out.add(`${r.method} ${r.path}`);
  }
  return [...out];
}

interface Samples {
  meeting: string;
  item: string;
  minute: string;
  action: string;
  committee: string;
  programme: string;
  person: string;
  interest: string;
  vote: string;
  matter: string;
  step: string;
  decision: string;
  membership: string;
  account: string;
  declaration: string;
  document: string;
}

async function samples(store: TestStore, f: EditorFixture): Promise<Samples> {
  const s = new Scope(store, f.authorityId, "test");
  const m = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(40), localTime: "18:00" });
  const [item] = await startAgenda(s, m.id);
  const minute = await addMinute(s, m.id, { title: "Budget", text: "Discussed." });
  const { decision, actions } = await recordDecision(s, minute.id, {
    text: "Noted the budget.",
    actions: [{ text: "Report back", ownerText: "Finance" }],
  });
  const wp = await s.create("work_programme_item", { committeeId: f.committees.scrutiny.id, topic: "Flood resilience" });
  const interest = await s.create("registered_interest", {
    personId: f.people.member.id,
    interestClass: "ori",
    description: "Trustee, Ambridge Village Hall",
    registeredOn: "2025-05-20",
  });
  const { vote } = await recordVote(s, minute.id, { question: "the motion", result: "carried", forCount: 3, againstCount: 1 });
  const matter = await createMatter(s, { reference: "26/00001", title: "Budget" });
  const step = await linkStep(s, matter.id, { decisionId: decision.id });
  const [membership] = await s.list("membership", { personId: f.people.member.id });
  const declaration = await declareInterest(s, m.id, { personId: f.people.chair.id, type: "other", nature: "Lives nearby" });
  const document = await s.create("document", { meetingId: m.id, agendaItemId: item.id, kind: "report", title: "Budget report" });
  return {
    membership: membership.id,
    account: f.users.outsider.user.id,
    declaration: declaration.id,
    document: document.id,
    matter: matter.id,
    step: step.id,
    decision: decision.id,
    vote: vote.id,
    meeting: m.id,
    item: item.id,
    minute: minute.id,
    action: actions[0].id,
    committee: f.committees.scrutiny.id,
    programme: wp.id,
    person: f.people.member.id,
    interest: interest.id,
  };
}

function urlFor(path: string, s: Samples): string {
  const base = path.split("/")[2];
  const id = (
    {
      meetings: s.meeting,
      items: s.item,
      minutes: s.minute,
      actions: s.action,
      committees: s.committee,
      "work-programme": s.programme,
      votes: s.vote,
      matters: s.matter,
      "matter-steps": s.step,
      decisions: s.decision,
      people: s.person,
      memberships: s.membership,
      accounts: s.account,
      declarations: s.declaration,
      documents: s.document,
    } as Record<string, string>
  )[base];
  return path
    .replace(":personId", s.person)
    .replace(":interestId", s.interest)
    .replace(":id", id ?? "missing");
}

const auditCount = async (store: TestStore) =>
  Number(
    (
      await store.db
        .selectFrom("audit_entry")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

function allowedFor(rule: Rule, role: RoleName): boolean {
  if (rule === "open") return true;
  if (role === "public") return false;
  if (rule === "admin") return role === "admin";
  if (role === "admin" || role === "clerk") return true;
  if (rule === "signed-in") return true;
  return rule === "own-person" && role === "member";
}

const ROLES: RoleName[] = ["admin", "clerk", "member", "outsider", "public"];

describe("editor authorisation matrix", () => {
  let store: TestStore;
  let f: EditorFixture;
  let app: App;
  let s: Samples;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
    s = await samples(store, f);
    app = createApp(store);
  });
  afterAll(() => store?.cleanup());

  it("every editor route and every write in the app has a rule", () => {
    const routes = editorRoutes(app);
    expect(
      routes.filter((r) => !RULES[r]),
      "routes without a rule: add them to RULES",
    ).toEqual([]);
    expect(
      Object.keys(RULES).filter((r) => !routes.includes(r)),
      "rules for routes that no longer exist",
    ).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}: allowed routes answer, the others redirect (GET) or refuse (POST) and write nothing`, async () => {
      const client = new EditorClient(app);
      if (role !== "public") {
        const username = { admin: "admin", clerk: "clerk", member: "tom", outsider: "eddie" }[role];
        expect((await client.signIn(username, PASSWORD)).status).toBe(303);
      }
      const wrong: string[] = [];
      for (const route of editorRoutes(app)) {
        const rule = RULES[route];
        if (rule === "open") continue;
        const [method, path] = route.split(" ");
        const url = urlFor(path, s);
        const before = await auditCount(store);
        const res = method === "GET" ? await client.get(url) : await client.post(url, {});
        const allowed = allowedFor(rule, role);
        const signInRedirect = res.status === 303 && (res.headers.get("location") ?? "").startsWith("/sign-in");
        if (allowed) {
          if (res.status === 403 || signInRedirect || res.status >= 500) wrong.push(`${route}: expected allowed, got ${res.status}`);
          if (method === "GET" && res.status === 200 && res.headers.get("cache-control") !== "private, no-store")
            wrong.push(`${route}: cacheable (${res.headers.get("cache-control")})`);
        } else {
          const expected = role === "public" && method === "GET" ? signInRedirect : res.status === 403;
          if (!expected) wrong.push(`${route}: expected denied, got ${res.status} ${res.headers.get("location") ?? ""}`);
          if ((await auditCount(store)) !== before) wrong.push(`${route}: a refused request wrote to the audit trail`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it("public GETs are sent to sign in and come back after", async () => {
    const client = new EditorClient(app);
    const res = await client.get(`/editor/meetings/${s.meeting}`);
    expect(res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(`/editor/meetings/${s.meeting}`)}`);
    const token = await client.token();
    const signIn = await client.post(
      "/sign-in",
      { username: "clerk", password: PASSWORD, next: `/editor/meetings/${s.meeting}` },
      { csrf: token },
    );
    expect(signIn.headers.get("location")).toBe(`/editor/meetings/${s.meeting}`);
    const evil = await new EditorClient(app).post("/sign-in", { username: "clerk", password: PASSWORD, next: "//evil.example/x" });
    expect(evil.headers.get("location")).toBe("/editor");
  });

  it("every POST without the form token, or with another session's token, is 403 and writes nothing", async () => {
    const clerk = new EditorClient(app);
    await clerk.signIn("clerk", PASSWORD);
    const other = new EditorClient(app);
    await other.signIn("admin", PASSWORD);
    const foreign = await other.token();
    const posts = editorRoutes(app).filter((r) => !r.startsWith("GET "));
    expect(posts.length).toBeGreaterThan(25);
    const wrong: string[] = [];
    for (const route of posts) {
      const url = urlFor(route.split(" ")[1], s);
      const before = await auditCount(store);
      for (const csrf of [false, foreign, "x"] as const) {
        const res = await clerk.post(
          url,
          { username: "clerk", password: PASSWORD, title: "Injected", text: "Injected", reason: "Injected" },
          { csrf },
        );
        if (res.status !== 403) wrong.push(`${route} (${csrf === false ? "no token" : "bad token"}): ${res.status}`);
      }
      if ((await auditCount(store)) !== before) wrong.push(`${route}: wrote without a token`);
    }
    expect(wrong).toEqual([]);
    // the session survived: sign-out without a token did not sign the clerk out
    expect((await clerk.get("/editor")).status).toBe(200);
  });

  it("sign-in is throttled, sign-out ends the session, and the cookie is httpOnly and SameSite", async () => {
    const c = new EditorClient(app);
    const first = await c.get("/sign-in");
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    for (let i = 0; i < 5; i++) expect((await c.signIn("admin", "not the password at all")).status).toBe(400);
    const limited = await c.signIn("admin", PASSWORD);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/too many failed sign-ins/i);

    const d = new EditorClient(app);
    const token = await d.token();
    const res = await d.post("/sign-in", { username: "clerk", password: PASSWORD }, { csrf: token });
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith("moot_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = d.cookies.get("moot_session")!;
    expect((await d.post("/sign-out")).status).toBe(303);
    const stale = new EditorClient(app);
    stale.cookies.set("moot_session", session);
    expect((await stale.get("/editor")).headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("editor authorisation across two authorities", () => {
  let store: TestStore;
  let app: App;
  let b: EditorFixture;
  let sB: Samples;
  const AMBRIDGE = "http://democracy.ambridge.example";
  const LOXLEY = "http://democracy.loxley.example";
  const at = (origin: string) => ({ request: (path: string, init?: RequestInit) => app.request(`${origin}${path}`, init) });
  const auditOf = async (authorityId: string) =>
    Number(
      (
        await store.db
          .selectFrom("audit_entry")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("authorityId", "=", authorityId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await freshStore("sqlite");
    // The same committees, people and usernames in both councils.
    const a = await buildEditorFixture(store, {
      slug: "ambridge",
      name: "Ambridge District Council",
      hosts: ["democracy.ambridge.example"],
    });
    b = await buildEditorFixture(store, { slug: "loxley", name: "Loxley Barrett District Council", hosts: ["democracy.loxley.example"] });
    await samples(store, a);
    sB = await samples(store, b);
    app = createApp(store);
  });
  afterAll(() => store?.cleanup());

  for (const role of ["admin", "clerk", "member", "outsider"] as const) {
    it(`${role} of Ambridge: Loxley's records through Ambridge's editor are not found, and nothing of Loxley's is written`, async () => {
      const client = new EditorClient(at(AMBRIDGE));
      const username = { admin: "admin", clerk: "clerk", member: "tom", outsider: "eddie" }[role];
      expect((await client.signIn(username, PASSWORD)).status).toBe(303);
      const before = await auditOf(b.authorityId);
      const wrong: string[] = [];
      for (const route of editorRoutes(app)) {
        if (RULES[route] === "open") continue;
        const [method, path] = route.split(" ");
        const url = urlFor(path, sB);
        const res = method === "GET" ? await client.get(url) : await client.post(url, { title: "Injected", text: "Injected", reason: "x" });
        const body = await res.text();
        // Pages of the clerk's own council that take no record (home, new meeting, lists) answer.
        const ownList =
          [
            "/editor",
            "/editor/meetings/new",
            "/editor/actions",
            "/editor/matters",
            "/editor/committees",
            "/editor/committees/new",
            "/editor/people",
            "/editor/people/new",
            "/editor/accounts",
            "/editor/interests",
          ].includes(path) && method === "GET";
        if (res.status < 300 && !ownList) wrong.push(`${route}: ${res.status} for Loxley's record`);
        if (body.includes(sB.meeting) && !url.includes(sB.meeting)) wrong.push(`${route}: shows Loxley's meeting`);
        for (const [what, id] of [
          ["person", sB.person],
          ["account", sB.account],
          ["committee", sB.committee],
        ])
          if (body.includes(id) && !url.includes(id)) wrong.push(`${route}: shows Loxley's ${what}`);
      }
      expect(wrong).toEqual([]);
      expect(await auditOf(b.authorityId)).toBe(before);
    });
  }

  it("an Ambridge session and Ambridge passwords open nothing at Loxley", async () => {
    const ambridge = new EditorClient(at(AMBRIDGE));
    expect((await ambridge.signIn("clerk", PASSWORD)).status).toBe(303);
    const before = await auditOf(b.authorityId);
    // The same cookie carried to Loxley's host (a browser would not send it; an attacker might).
    const carried = new EditorClient(at(LOXLEY));
    for (const [k, v] of ambridge.cookies) carried.cookies.set(k, v);
    const res = await carried.get(`/editor/meetings/${sB.meeting}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await carried.post(`/editor/meetings/${sB.meeting}/publish`, {}, { csrf: await ambridge.token() })).status).toBe(403);
    // Loxley's clerk has the same username but another account: Ambridge's password is not theirs.
    const loxley = new EditorClient(at(LOXLEY));
    const other = "another password entirely";
    const { resetPassword } = await import("../../../src/workflow/accounts.js");
    await resetPassword(new Scope(store, b.authorityId, "test"), "clerk", other);
    expect((await loxley.signIn("clerk", PASSWORD)).status).toBe(400);
    expect((await loxley.signIn("clerk", other)).status).toBe(303);
    expect(await auditOf(b.authorityId)).toBeGreaterThan(before); // the reset and sign-in above, nothing from Ambridge
    const draft = await loxley.get(`/editor/meetings/${sB.meeting}`);
    expect(draft.status).toBe(200);
  });
});
