import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app.js";
import { Scope } from "../../src/store/records.js";
import { smtpMailer, type Mailer } from "../../src/workflow/alerts/mailer.js";
import { setAlertDelivery } from "../../src/workflow/alerts/runner.js";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { buildWebFixture, type WebFixture } from "../support/web-fixtures.js";
import { addMatters, type MatterFixture } from "../support/matter-fixtures.js";
import { EditorClient } from "../support/editor-client.js";
import { startSmtp } from "../support/smtp.js";

/**
 * Two councils on one deployment with the same committees and slugs (the same fixture twice).
 * Signing up for alerts on Borchester's host can neither subscribe to nor name Felpersham's
 * committees, councillors, wards or matters: each is "no such …" there, nothing is stored or
 * mailed, and the answer never shows Felpersham's words. A shared slug means Borchester's own.
 */
const MARKER = "quillfeather";
const A = { slug: "borchester", name: "Borchester Borough Council", hosts: ["democracy.borchester.example"] };
const B = { slug: "felpersham", name: "Felpersham District Council", hosts: ["democracy.felpersham.example"] };

for (const dialect of DIALECTS) {
  describe(`${dialect}: alert sign-up on one council's host`, () => {
    let store: TestStore;
    let a: WebFixture;
    let b: WebFixture;
    let bMatters: MatterFixture;
    let app: ReturnType<typeof createApp>;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mailer: Mailer;
    let bPanel: string;

    beforeAll(async () => {
      store = await freshStore(dialect);
      a = await buildWebFixture(store, A);
      b = await buildWebFixture(store, B);
      bMatters = await addMatters(store, b);
      // Felpersham's own committee, ward, councillor name and matter title, all carrying the marker.
      const s = new Scope(store, b.authorityId, "clerk");
      bPanel = (await s.create("committee", { slug: `${MARKER}-panel`, name: `${MARKER} Panel`, kind: "other" })).id;
      await s.update("person", b.people.chair.id, { name: `Ada ${MARKER}`, ward: `${MARKER} Vale` });
      await s.update("matter", bMatters.library, { title: `${MARKER} library review` });
      smtp = await startSmtp();
      mailer = smtpMailer(smtp.url, "alerts@councils.example");
      setAlertDelivery(store, { mailer, siteUrl: null, kick() {} });
      app = createApp(store);
    });
    afterAll(async () => {
      if (store) setAlertDelivery(store, null);
      mailer?.close();
      await smtp?.close();
      await store?.cleanup();
    });

    /** Signs up on a council's host as a browser would: the form's page first, then its token. */
    async function signUp(host: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
      const client = new EditorClient({ request: (path, init) => app.request(`http://${host}${path}`, init) });
      const form = await (await client.get("/alerts")).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
      expect(token, "the sign-up form carries a token").toBeTruthy();
      const res = await client.post("/alerts", fields, { csrf: token! });
      return { status: res.status, body: await res.text() };
    }

    const subscriptions = async (authorityId: string) =>
      store.db.selectFrom("alert_subscription").select(["target", "targetKey"]).where("authorityId", "=", authorityId).execute();

    it("on Felpersham's own host, its committee, councillor, ward and matter can be followed (so the probe could see a leak)", async () => {
      for (const [target, targetKey] of [
        ["committee", `${MARKER}-panel`],
        ["person", b.people.chair.id],
        ["ward", `${MARKER} Vale`],
        ["matter", bMatters.library],
      ] as const) {
        const r = await signUp(B.hosts[0]!, { email: `own-${target}@example.org`, target, targetKey, frequency: "immediate" });
        expect(r.status, `${target} ${targetKey}`).toBe(200);
      }
      const mails = await smtp.waitFor(4);
      expect(mails.every((m) => m.subject.toLowerCase().includes(MARKER))).toBe(true);
      expect((await subscriptions(b.authorityId)).length).toBe(4);
    });

    it("on Borchester's host, Felpersham's committee, councillor, ward and matter are no such thing, and nothing is stored or sent", async () => {
      const before = smtp.messages.length;
      for (const [target, targetKey] of [
        ["committee", bPanel],
        ["committee", `${MARKER}-panel`],
        ["committee", b.committees.cabinet.id],
        ["person", b.people.chair.id],
        ["ward", `${MARKER} Vale`],
        ["matter", bMatters.library],
        ["matter", bMatters.published],
      ] as const) {
        const r = await signUp(A.hosts[0]!, { email: "probe@example.org", target, targetKey, frequency: "immediate" });
        expect([r.status, /there is no such/.test(r.body)], `${target} ${targetKey}`).toEqual([400, true]);
        // The form keeps what the asker typed; anything else naming Felpersham would be a leak.
        expect(r.body.toLowerCase().replaceAll(targetKey.toLowerCase(), ""), `${target} ${targetKey}`).not.toContain(MARKER);
        expect(r.body, `${target} ${targetKey}`).not.toContain(B.name);
      }
      // The form itself offers only Borchester's committees and wards.
      const client = new EditorClient({ request: (path, init) => app.request(`http://${A.hosts[0]}${path}`, init) });
      for (const q of ["", `?committee=${MARKER}-panel`, `?person=${b.people.chair.slug}`, `?matter=${bMatters.library}`])
        expect(
          (await (await client.get(`/alerts${q}`)).text()).toLowerCase().replaceAll(q.replace(/^.*=/, "") || "\u0000", ""),
          q,
        ).not.toContain(MARKER);
      expect(await subscriptions(a.authorityId)).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.messages.length).toBe(before);
    });

    it("a slug both councils use means the council of the host: Borchester's Cabinet, never Felpersham's", async () => {
      const r = await signUp(A.hosts[0]!, {
        email: "cabinet@example.org",
        target: "committee",
        targetKey: "cabinet",
        frequency: "immediate",
      });
      expect(r.status).toBe(200);
      expect(await subscriptions(a.authorityId)).toEqual([{ target: "committee", targetKey: a.committees.cabinet.id }]);
      const mine = (await smtp.waitFor(5)).filter((m) => m.to.includes("cabinet@example.org"));
      expect(mine.length).toBe(1);
      const text = `${mine[0]!.subject}\n${mine[0]!.text}`;
      expect(text).toContain("Cabinet");
      expect(text).not.toContain(B.name);
      expect(text).toContain(A.hosts[0]);
      expect((await subscriptions(b.authorityId)).map((x) => x.targetKey)).not.toContain(a.committees.cabinet.id);
    });
  });
}
