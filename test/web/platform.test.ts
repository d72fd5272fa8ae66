import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { getAuthority, listAuthorities } from "../../src/store/authorities.js";
import { addPlatformAdmin } from "../../src/workflow/platform.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, PASSWORD, type EditorFixture } from "../support/editor-fixture.js";
import { EditorClient } from "../support/editor-client.js";

type App = ReturnType<typeof createApp>;
const SHARED = "http://democracy.example";
const ADMIN_PASSWORD = "platform password long enough";

/** A browser at /platform: keeps cookies and posts the form token it finds on the page. */
class PlatformClient extends EditorClient {
  async formToken(): Promise<string> {
    const html = await (await this.get("/platform")).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("no form token on the platform page");
    return m[1]!;
  }
  signInPlatform(username: string, password: string) {
    return this.post("/platform/sign-in", { username, password }, { csrf: false });
  }
}

describe("platform administration", () => {
  let store: TestStore;
  let app: App;
  let a: EditorFixture;
  let b: EditorFixture;
  const at = (origin: string) => ({ request: (path: string, init?: RequestInit) => app.request(`${origin}${path}`, init) });
  const authorityAudit = (id: string) =>
    store.db
      .selectFrom("audit_entry")
      .selectAll()
      .where("authorityId", "=", id)
      .where("tableName", "=", "authority")
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    store = await freshStore("sqlite");
    a = await buildEditorFixture(store, { slug: "ambridge", name: "Ambridge District Council" });
    b = await buildEditorFixture(store, { slug: "loxley", name: "Loxley Barrett District Council" });
    await addPlatformAdmin(store, { username: "root", displayName: "Platform Root", password: ADMIN_PASSWORD });
    app = createApp(store);
  });
  afterAll(() => store?.cleanup());

  it("a platform administrator adds an authority and gives one its host, a new name and logo text, each audited", async () => {
    const admin = new PlatformClient(at(SHARED));
    expect((await admin.get("/platform")).status).toBe(200);
    expect((await admin.signInPlatform("root", ADMIN_PASSWORD)).status).toBe(303);
    const list = await (await admin.get("/platform")).text();
    expect(list).toContain("Ambridge District Council");
    expect(list).toContain("Loxley Barrett District Council");

    const added = await admin.post(
      "/platform/authorities",
      { name: "Borchester Borough Council", slug: "borchester", shortName: "Borchester BC", hosts: "", logoText: "", aliases: "" },
      { csrf: await admin.formToken() },
    );
    expect(added.status).toBe(303);
    const borchester = (await listAuthorities(store)).find((x) => x.slug === "borchester")!;
    expect(borchester).toMatchObject({ name: "Borchester Borough Council", shortName: "Borchester BC", hosts: [], logoText: null });
    expect((await authorityAudit(borchester.id)).map((r) => [r.operation, r.actor])).toEqual([["insert", "platform:root"]]);
    // The shared host lists it and serves it under its prefix at once.
    expect(await (await app.request(`${SHARED}/`)).text()).toContain("Borchester Borough Council");
    expect((await app.request(`${SHARED}/borchester/`)).status).toBe(200);

    const saved = await admin.post(
      `/platform/authorities/${a.authorityId}`,
      {
        name: "Ambridge and Felpersham District Council",
        slug: "ambridge",
        shortName: "",
        hosts: "democracy.ambridge.example, meetings.ambridge.example",
        logoText: "Ambridge Democracy",
        aliases: "Ambridge DC",
      },
      { csrf: await admin.formToken() },
    );
    expect(saved.status).toBe(303);
    const after = (await getAuthority(store.db, a.authorityId))!;
    expect(after).toMatchObject({
      name: "Ambridge and Felpersham District Council",
      hosts: ["democracy.ambridge.example", "meetings.ambridge.example"],
      logoText: "Ambridge Democracy",
      aliases: ["Ambridge DC"],
    });
    const rows = await authorityAudit(a.authorityId);
    const change = rows.at(-1)!;
    expect(change).toMatchObject({ operation: "update", actor: "platform:root" });
    expect(JSON.parse(change.before!)).toMatchObject({ name: "Ambridge District Council", logoText: null, hosts: [] });
    expect(JSON.parse(change.after!)).toMatchObject({ logoText: "Ambridge Democracy" });
    // Its new host serves it at /, with the logo text as the header's wordmark.
    const home = await (await app.request("http://meetings.ambridge.example/")).text();
    expect(home).toMatch(/<a class="name" href="\/">Ambridge Democracy<\/a>/);
    expect(home).toContain("<title>");
    // The edit page shows the change in the trail.
    expect(await (await admin.get(`/platform/authorities/${a.authorityId}`)).text()).toContain("platform:root");
    // A clash is refused with the reason, and changes nothing.
    const clash = await admin.post(
      `/platform/authorities/${b.authorityId}`,
      { name: "Loxley Barrett District Council", slug: "loxley", hosts: "meetings.ambridge.example" },
      { csrf: await admin.formToken() },
    );
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain("meetings.ambridge.example");
    expect((await getAuthority(store.db, b.authorityId))!.hosts).toEqual([]);
  });

  it("without the form token, from another origin, or signed out, nothing changes", async () => {
    const admin = new PlatformClient(at(SHARED));
    await admin.signInPlatform("root", ADMIN_PASSWORD);
    const before = JSON.stringify(await listAuthorities(store));
    const fields = { name: "Hijacked", slug: "hijacked" };
    expect((await admin.post("/platform/authorities", fields, { csrf: false })).status).toBe(403);
    expect((await admin.post("/platform/authorities", fields, { csrf: "forged" })).status).toBe(403);
    const token = await admin.formToken();
    const cross = await app.request(`${SHARED}/platform/authorities`, {
      method: "POST",
      headers: {
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        origin: "http://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ ...fields, _csrf: token }),
    });
    expect(cross.status).toBe(403);
    const anonymous = new PlatformClient(at(SHARED));
    expect((await anonymous.post("/platform/authorities", { ...fields, _csrf: token }, { csrf: false })).status).toBe(403);
    expect((await anonymous.post(`/platform/authorities/${b.authorityId}`, { ...fields, _csrf: token }, { csrf: false })).status).toBe(403);
    expect((await anonymous.get(`/platform/authorities/${b.authorityId}`)).status).toBe(303);
    expect(JSON.stringify(await listAuthorities(store))).toBe(before);
  });

  it("a platform session opens no council's editor, and a council's accounts open nothing at /platform", async () => {
    const admin = new PlatformClient(at(SHARED));
    await admin.signInPlatform("root", ADMIN_PASSWORD);
    for (const slug of ["ambridge", "loxley"]) {
      // The cookie is for /platform; carried to the editor anyway, it is no session there.
      const res = await at(SHARED).request(`/${slug}/editor`, {
        headers: { cookie: [...admin.cookies].map(([k, v]) => `moot_session=${v}; ${k}=${v}`).join("; ") },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/sign-in/);
    }
    const clerk = new EditorClient(at("http://democracy.ambridge.example"));
    expect((await clerk.signIn("admin", PASSWORD)).status).toBe(303);
    const page = await (await clerk.get("/platform")).text();
    expect(page).toContain("Platform sign in");
    expect(page).not.toContain("Loxley");
    // The council's own password is not a platform password, and its session token forges no form.
    expect((await new PlatformClient(at(SHARED)).signInPlatform("admin", PASSWORD)).status).toBe(400);
    const forged = await clerk.post(
      "/platform/authorities",
      { name: "Injected", slug: "injected" },
      { csrf: clerk.cookies.get("moot_session")! },
    );
    expect(forged.status).toBe(403);
    expect((await listAuthorities(store)).some((x) => x.slug === "injected")).toBe(false);
  });

  it("after too many wrong passwords even the right one is refused for a while; sign-out ends the session", async () => {
    await addPlatformAdmin(store, { username: "second", password: ADMIN_PASSWORD });
    const c = new PlatformClient(at(SHARED));
    for (let i = 0; i < 5; i++) expect((await c.signInPlatform("second", "not the password at all")).status).toBe(400);
    expect((await c.signInPlatform("second", ADMIN_PASSWORD)).status).toBe(429);
    const root = new PlatformClient(at(SHARED));
    await root.signInPlatform("root", ADMIN_PASSWORD);
    const cookie = root.cookies.get("moot_platform")!;
    const signedOut = await root.post("/platform/sign-out", {}, { csrf: await root.formToken() });
    expect(signedOut.status).toBe(303);
    const reused = new PlatformClient(at(SHARED));
    reused.cookies.set("moot_platform", cookie);
    expect(await (await reused.get("/platform")).text()).toContain("Platform sign in");
  });
});
