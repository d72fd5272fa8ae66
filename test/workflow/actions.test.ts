import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS, freshStore, type TestStore } from "../support/stores.js";
import { seedCouncil, type Council } from "./fixture.js";
import { readBack } from "./pdf-read.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addAgendaItem } from "../../src/workflow/agenda.js";
import { addMinute } from "../../src/workflow/minutes.js";
import { addActionUpdate, openActions, recordDecision } from "../../src/workflow/actions.js";
import { generateTrackingPaper, TRACKING_TITLE } from "../../src/workflow/tracking-paper.js";
import {
  addRecommendation,
  closeRecommendation,
  progressReview,
  respondToRecommendation,
  reviewsDue,
} from "../../src/workflow/scrutiny.js";
import { search } from "../../src/store/search.js";

for (const dialect of DIALECTS) {
  describe(`${dialect}: decisions, actions and scrutiny recommendations`, () => {
    let store: TestStore;
    let c: Council;
    let _meetingId: string;
    let minuteId: string;
    beforeAll(async () => {
      store = await freshStore(dialect);
      c = await seedCouncil(store);
      const m = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-03-13", localTime: "10:00" });
      _meetingId = m.id;
      const item = await addAgendaItem(c.scope, m.id, { title: "Street lighting" });
      minuteId = (await addMinute(c.scope, m.id, { title: "Street lighting", agendaItemId: item.id })).id;
    });
    afterAll(() => store.cleanup());

    it("a decision creates its actions in one transaction; a bad action leaves no decision", async () => {
      await expect(
        recordDecision(c.scope, minuteId, {
          text: "That LED conversion proceed.",
          actions: [
            { text: "Report costs", dueDate: "2025-06-01" },
            { text: "Bad date", dueDate: "2025-13-01" },
          ],
        }),
      ).rejects.toThrow(/actions\.1\.dueDate/);
      expect(await c.scope.list("decision", { minuteId })).toHaveLength(0);
      // This one fails in the database (unknown owner) after the decision row was written.
      await expect(
        recordDecision(c.scope, minuteId, {
          text: "That LED conversion proceed.",
          actions: [{ text: "Report costs", ownerPersonId: "no-such-person" }],
        }),
      ).rejects.toThrow();
      expect(await c.scope.list("decision", { minuteId })).toHaveLength(0);
      expect(await c.scope.list("action", { committeeId: c.committee.id })).toHaveLength(0);
      const { decision, actions } = await recordDecision(c.scope, minuteId, {
        text: "That LED conversion proceed, subject to costs.",
        actions: [
          { text: "Report LED conversion costs to the committee", ownerText: "Head of Highways", dueDate: "2025-05-01" },
          { text: "Write to residents of Mill Lane", ownerText: "Sam Okafor", ownerPersonId: c.officer.id, dueDate: "2025-09-01" },
        ],
      });
      expect(decision.decidedOn).toBe("2025-03-13");
      expect(actions.map((a) => a.ref)).toEqual(["CES1/03/25.1", "CES1/03/25.2"]);
      expect(actions.every((a) => a.decisionId === decision.id && a.committeeId === c.committee.id)).toBe(true);
    });

    it("dated updates move status; overdue is computed from the due date", async () => {
      const [costs, letters] = await c.scope.list("action", { committeeId: c.committee.id, origin: "decision" }, ["ref"]);
      let open = await openActions(c.scope, c.committee.id, "2025-06-01");
      expect(open.map((v) => [v.action.ref, v.overdue])).toEqual([
        ["CES1/03/25.1", true],
        ["CES1/03/25.2", false],
      ]);
      await addActionUpdate(c.scope, costs.id, {
        onDate: "2025-05-20",
        text: "Quotes requested from three suppliers.",
        status: "in-progress",
      });
      open = await openActions(c.scope, c.committee.id, "2025-06-01");
      expect(open[0]).toMatchObject({ overdue: true, latestUpdate: { text: "Quotes requested from three suppliers." } });
      const { action } = await addActionUpdate(c.scope, costs.id, {
        onDate: "2025-06-10",
        text: "Costs reported to the June meeting.",
        status: "complete",
      });
      expect(action).toMatchObject({ status: "complete", completedOn: "2025-06-10" });
      open = await openActions(c.scope, c.committee.id, "2025-10-01");
      expect(open.map((v) => [v.action.id, v.overdue])).toEqual([[letters.id, true]]);
      await expect(addActionUpdate(c.scope, letters.id, { onDate: "2025-06-10", text: "" })).rejects.toMatchObject({ code: "invalid" });
    });

    it("generates a searchable tracking-decisions paper for the next agenda", async () => {
      const next = await createMeeting(c.scope, { committeeId: c.committee.id, localDate: "2025-10-09", localTime: "10:00" });
      const first = await generateTrackingPaper(c.scope, next.id, "2025-10-01");
      expect(first.item.title).toBe(TRACKING_TITLE);
      expect(first.actions).toHaveLength(1);
      expect(first.html).toContain("Write to residents of Mill Lane");
      expect(first.html).toContain("open (overdue)");
      expect(first.html).not.toContain("Report LED conversion costs");
      const pages = await readBack(await store.files.get(first.document.sha256!));
      expect(pages.join("\n")).toContain("Write to residents of Mill Lane");
      const stored = await c.scope.list("document_page", { documentId: first.document.id });
      expect(stored[0].text).toContain("Mill Lane");
      const found = async (kind: "public" | "clerk") =>
        (await search(store, c.authority.id, "residents Mill Lane", {}, { kind })).some((h) => h.documentId === first.document.id);
      expect(await found("clerk")).toBe(true);
      // The next agenda is not yet published, so neither is its paper.
      expect(await found("public")).toBe(false);
      // Regenerating replaces the paper instead of adding a second one.
      const second = await generateTrackingPaper(c.scope, next.id, "2025-10-02");
      expect(second.item.id).toBe(first.item.id);
      expect((await c.scope.list("document", { agendaItemId: first.item.id })).map((d) => d.id)).toEqual([second.document.id]);
    });

    it("scrutiny recommendation → executive response → action plan → progress review", async () => {
      const rec = await addRecommendation(c.scope, c.committee.id, {
        ref: "R1",
        text: "Publish a street-lighting policy",
        sourceTitle: "Task group: lighting",
      });
      await expect(
        respondToRecommendation(c.scope, rec.id, { response: "accepted", respondedOn: "2025-04-01", text: "Agreed." }),
      ).rejects.toMatchObject({ code: "rule" });
      await expect(
        respondToRecommendation(c.scope, rec.id, {
          response: "partly-accepted",
          respondedOn: "2025-04-01",
          text: "In part.",
          actionPlan: [
            { text: "Draft policy", ownerText: "Highways", dueDate: "2025-07-01", successMeasure: "Policy adopted by Cabinet" },
            { text: "No measure", ownerText: "Highways", dueDate: "2025-08-01" } as never,
          ],
        }),
      ).rejects.toThrow(/actionPlan\.1\.successMeasure/);
      // The failed response wrote nothing: no rows, no response.
      expect(await c.scope.list("action", { parentActionId: rec.id })).toHaveLength(0);
      expect((await c.scope.require("action", rec.id)).executiveResponse).toBeNull();
      const { recommendation, plan } = await respondToRecommendation(c.scope, rec.id, {
        response: "partly-accepted",
        respondedOn: "2025-04-01",
        text: "Policy agreed; consultation not funded.",
        actionPlan: [
          { text: "Draft policy", ownerText: "Highways", dueDate: "2025-07-01", successMeasure: "Policy adopted by Cabinet" },
          {
            text: "Publish the policy online",
            ownerText: "Communications",
            dueDate: "2025-09-01",
            successMeasure: "Page live and linked from the lighting pages",
          },
        ],
      });
      expect(recommendation).toMatchObject({ executiveResponse: "partly-accepted", reviewDue: "2026-04-01", status: "in-progress" });
      expect(plan.map((p) => p.ref)).toEqual(["R1.1", "R1.2"]);
      await expect(
        respondToRecommendation(c.scope, rec.id, { response: "rejected", respondedOn: "2025-04-02", text: "No." }),
      ).rejects.toMatchObject({ code: "conflict" });
      await addActionUpdate(c.scope, plan[0].id, { onDate: "2025-06-20", text: "Adopted by Cabinet.", status: "complete" });
      expect(await reviewsDue(c.scope, c.committee.id, "2026-03-31")).toHaveLength(0);
      expect((await reviewsDue(c.scope, c.committee.id, "2026-04-01")).map((r) => r.id)).toEqual([rec.id]);
      const review = await progressReview(c.scope, rec.id, "2026-04-01");
      expect(review).toMatchObject({ due: true, complete: 1, overdue: 1 });
      await closeRecommendation(c.scope, rec.id, "2026-04-09", "Policy in place; publication outstanding, to follow up.");
      expect(await reviewsDue(c.scope, c.committee.id, "2026-05-01")).toHaveLength(0);
      const rejected = await addRecommendation(c.scope, c.committee.id, { ref: "R2", text: "Switch off all lights at midnight" });
      const r2 = await respondToRecommendation(c.scope, rejected.id, {
        response: "rejected",
        respondedOn: "2025-04-01",
        text: "Safety concerns.",
      });
      expect(r2.recommendation).toMatchObject({ status: "discharged", reviewDue: null });
      // Recommendations are tracked on their own path, not in the tracking-decisions paper.
      expect((await openActions(c.scope, c.committee.id, "2026-05-01")).some((v) => v.action.origin === "scrutiny-recommendation")).toBe(
        false,
      );
    });
  });
}
