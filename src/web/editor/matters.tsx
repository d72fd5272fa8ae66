import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { CALL_IN_LABEL, callInState } from "../../domain/forward-plan.js";
import { NOTICE_EXCEPTION_LABEL, NoticeException, type Matter } from "../../domain/matter.js";
import { MootError } from "../../domain/errors.js";
import { linkableRecords } from "../../store/queries/matters.js";
import {
  callIn,
  createMatter,
  endCallIn,
  linkStep,
  markImplemented,
  startCallIn,
  unlinkStep,
  updateMatter,
  type MatterForm,
} from "../../workflow/matters.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { meetingWhen } from "../views/format.js";
import { Check, Field, FormKit, Select, TextArea, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { bool, formBody, opt, orNull, param, submit, type FormBody } from "./submit.js";

/**
 * Matters in the editor: the clerk creates a matter (reference, title, key decision, forward
 * plan notice), links the agenda items, reports and decisions it passed through, and records
 * a decision's call-in: called in, call-in ended, implemented (workflow/matters.ts refuses
 * implementation while the period is open or the decision is called in).
 */
const matterUrl = (id: string) => `/editor/matters/${id}`;

function matterFrom(v: FormBody): MatterForm {
  return {
    reference: v.reference ?? "",
    title: v.title ?? "",
    summary: orNull(v, "summary"),
    keyDecision: bool(v, "keyDecision"),
    decisionMakerId: orNull(v, "decisionMakerId"),
    expectedOn: orNull(v, "expectedOn"),
    noticePublishedOn: orNull(v, "noticePublishedOn"),
    noticeException: orNull(v, "noticeException") as MatterForm["noticeException"],
    leadMember: orNull(v, "leadMember"),
  };
}

function MatterFields(props: { kit: FormKit; committees: Array<[string, string]> }) {
  const { kit } = props;
  return (
    <>
      <Field kit={kit} name="reference" label="Reference" hint="The decision number, e.g. 24/00108" />
      <Field kit={kit} name="title" label="Title" />
      <TextArea kit={kit} name="summary" label="Summary (optional)" rows={3} />
      <Check kit={kit} name="keyDecision" label="Key decision" />
      <Select kit={kit} name="decisionMakerId" label="Decision maker" options={[["", "(none)"], ...props.committees]} />
      <Field kit={kit} name="expectedOn" label="Decision due" type="date" />
      <Field
        kit={kit}
        name="noticePublishedOn"
        label="Notice published on the forward plan"
        type="date"
        hint="28 clear days before the decision"
      />
      <Select
        kit={kit}
        name="noticeException"
        label="If less notice was given"
        options={[["", "(28 clear days given)"], ...NoticeException.options.map((o) => [o, NOTICE_EXCEPTION_LABEL[o]] as [string, string])]}
      />
      <Field kit={kit} name="leadMember" label="Lead member (optional)" />
    </>
  );
}

async function committeeOptions(c: Context<AppEnv>): Promise<Array<[string, string]>> {
  return (await actorScope(c).list("committee", {}, ["name"])).map((x) => [x.id, x.name]);
}

async function listPage(c: Context<AppEnv>, state?: FormState, status: EditorStatus = 200) {
  const matters = await actorScope(c).list("matter", {}, ["reference"]);
  const kit = new FormKit(c, "matter-new", {}, state);
  return editorPage(
    c,
    "Matters",
    <>
      <p>
        Public pages: <a href="/matters">matters</a> · <a href="/forward-plan">forward plan</a>
      </p>
      <ul>
        {matters.map((m) => (
          <li>
            <a href={matterUrl(m.id)}>
              {m.reference}: {m.title}
            </a>
            {m.keyDecision && " (key decision)"}
          </li>
        ))}
      </ul>
      <form method="post" action="/editor/matters">
        {kit.csrf()}
        <h2>New matter</h2>
        <MatterFields kit={kit} committees={await committeeOptions(c)} />
        <button type="submit">Create the matter</button>
      </form>
    </>,
    status,
    state,
  );
}

async function matterPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const matter = await scope.require("matter", id);
  const steps = await scope.list("matter_step", { matterId: id });
  const meetings = new Map(await Promise.all(steps.map(async (s) => [s.meetingId, await scope.require("meeting", s.meetingId)] as const)));
  steps.sort((a, b) => meetings.get(a.meetingId)!.startsAt.localeCompare(meetings.get(b.meetingId)!.startsAt));
  const linkable = await linkableRecords(c.get("store"), scope.authorityId);
  const edit = new FormKit(c, "matter", { ...matter }, state);
  const link = new FormKit(c, "matter-link", {}, state);
  const callInKit = new FormKit(c, "call-in", {}, state);
  const today = c.get("today");
  return editorPage(
    c,
    `Matter ${matter.reference}: ${matter.title}`,
    <>
      <p>
        <a href="/editor/matters">All matters</a> · <a href={`/matters/${matter.id}`}>Public page</a>
      </p>
      <h2>History</h2>
      {steps.length === 0 && <p>Nothing linked yet.</p>}
      <ol>
        {
          await Promise.all(
            steps.map(async (s) => {
              const m = meetings.get(s.meetingId)!;
              const item = s.agendaItemId ? await scope.get("agenda_item", s.agendaItemId) : undefined;
              const decision = s.decisionId ? await scope.get("decision", s.decisionId) : undefined;
              const doc = s.documentId ? await scope.get("document", s.documentId) : undefined;
              const state = decision ? callInState(decision, today) : null;
              return (
                <li>
                  <a href={`/editor/meetings/${m.id}`}>{meetingWhen(m)}</a>
                  {item && ` — item ${item.number}: ${item.title}`}
                  {doc && ` — report: ${doc.title}`}
                  {s.note && ` (${s.note})`} <span class="meta">[{s.linkedBy}]</span>
                  {decision && (
                    <div>
                      <p>Decision: {decision.text}</p>
                      <p>
                        Call-in: {state ? CALL_IN_LABEL[state] : "not subject to call-in"}
                        {decision.callInEndsOn && `, period ends ${decision.callInEndsOn}`}
                        {decision.implementedAt && `; implemented ${decision.implementedAt.slice(0, 10)}`}
                      </p>
                      <form method="post" action={`/editor/decisions/${decision.id}/call-in`}>
                        {callInKit.csrf()}
                        <input type="hidden" name="matterId" value={matter.id} />
                        <Field kit={callInKit} name="reason" label="Reason (when calling it in)" />
                        <button type="submit" name="do" value="start">
                          Start the call-in period
                        </button>{" "}
                        <button type="submit" name="do" value="call-in">
                          Called in
                        </button>{" "}
                        <button type="submit" name="do" value="end">
                          Call-in ended
                        </button>{" "}
                        <button type="submit" name="do" value="implemented">
                          Implemented
                        </button>
                      </form>
                    </div>
                  )}
                  <form method="post" action={`/editor/matter-steps/${s.id}/remove`} class="inline">
                    {link.csrf()} <button type="submit">Unlink</button>
                  </form>
                </li>
              );
            }),
          )
        }
      </ol>
      <form method="post" action={`${matterUrl(id)}/steps`}>
        {link.csrf()}
        <h2>Link a step</h2>
        <Select
          kit={link}
          name="agendaItemId"
          label="Agenda item"
          options={[["", "(none)"], ...linkable.items.map((x) => [x.id, x.label] as [string, string])]}
        />
        <Select
          kit={link}
          name="decisionId"
          label="Decision"
          options={[["", "(none)"], ...linkable.decisions.map((x) => [x.id, x.label] as [string, string])]}
        />
        <Select
          kit={link}
          name="documentId"
          label="Report"
          options={[["", "(none)"], ...linkable.reports.map((x) => [x.id, x.label] as [string, string])]}
        />
        <Field kit={link} name="note" label="What happened (optional)" hint="e.g. Called in by the Overview and Scrutiny Committee" />
        <button type="submit">Link</button>
      </form>
      <form method="post" action={matterUrl(id)}>
        {edit.csrf()}
        <h2>Details</h2>
        <MatterFields kit={edit} committees={await committeeOptions(c)} />
        <button type="submit">Save</button>
      </form>
    </>,
    status,
    state,
  );
}

export function registerMatterEditor(app: App): void {
  guarded(app, "get", "/editor/matters", "staff", (c) => listPage(c));
  guarded(app, "post", "/editor/matters", "staff", async (c) => {
    const { values } = await formBody(c);
    return submit(c, {
      form: "matter-new",
      values,
      run: async () => {
        const m = await createMatter(actorScope(c), matterFrom(values));
        return { to: matterUrl(m.id), message: `Matter ${m.reference} created.` };
      },
      rerender: (state, status) => listPage(c, state, status),
    });
  });
  guarded(app, "get", "/editor/matters/:id", "staff", (c) => matterPage(c, param(c, "id")));
  guarded(app, "post", "/editor/matters/:id", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "matter",
      values,
      run: async () => {
        const m: Matter = await updateMatter(actorScope(c), id, matterFrom(values));
        return { to: matterUrl(id), message: `Matter ${m.reference} saved.` };
      },
      rerender: (state, status) => matterPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/matters/:id/steps", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "matter-link",
      values,
      run: async () => {
        await linkStep(actorScope(c), id, {
          agendaItemId: orNull(values, "agendaItemId"),
          decisionId: orNull(values, "decisionId"),
          documentId: orNull(values, "documentId"),
          note: orNull(values, "note"),
        });
        return { to: matterUrl(id), message: "Linked." };
      },
      rerender: (state, status) => matterPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/matter-steps/:id/remove", "staff", async (c) => {
    const scope = actorScope(c);
    const step = await scope.require("matter_step", param(c, "id"));
    const { values } = await formBody(c);
    return submit(c, {
      form: "matter-link",
      values,
      run: async () => {
        await unlinkStep(scope, step.id);
        return { to: matterUrl(step.matterId), message: "Unlinked." };
      },
      rerender: (state, status) => matterPage(c, step.matterId, state, status),
    });
  });
  guarded(app, "post", "/editor/decisions/:id/call-in", "staff", async (c) => {
    const id = param(c, "id");
    const scope = actorScope(c);
    const decision = await scope.require("decision", id);
    const { values } = await formBody(c);
    const matterId = opt(values, "matterId");
    const back = matterId ? matterUrl(matterId) : `/editor/meetings/${decision.meetingId}/minutes`;
    return submit(c, {
      form: "call-in",
      values,
      run: async () => {
        const now = new Date();
        switch (values.do) {
          case "start":
            await startCallIn(scope, id, c.get("today"));
            return { to: back, message: "Call-in period started." };
          case "call-in":
            await callIn(scope, id, values.reason ?? "", now);
            return { to: back, message: "Recorded as called in." };
          case "end":
            await endCallIn(scope, id, now);
            return { to: back, message: "Call-in ended." };
          case "implemented":
            await markImplemented(scope, id, now);
            return { to: back, message: "Recorded as implemented." };
          default:
            throw new MootError("invalid", "do: choose what happened to the decision");
        }
      },
      rerender: async (state, status) => (matterId ? matterPage(c, matterId, state, status) : listPage(c, state, status)),
    });
  });
}
