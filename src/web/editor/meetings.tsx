import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { App, AppEnv } from "../context.js";
import type { RecordOf } from "../../domain/records.js";
import { createMeeting, editMeeting, cancelMeeting, postponeMeeting } from "../../workflow/meetings.js";
import { MEETING_TRANSITIONS, adjournMeeting, canMove, markHeld, reconveneMeeting } from "../../workflow/meeting-status.js";
import { guarded } from "../auth/guard.js";
import { actorScope, signedIn } from "../auth/session.js";
import { meetingWhen, shortDate, instantText } from "../views/format.js";
import {
  ActionButton,
  Confirm,
  editorPage,
  Field,
  FormKit,
  MeetingNav,
  SECTIONS,
  Select,
  type EditorStatus,
  type FormState,
  type MeetingSection,
} from "./shell.js";
import { formBody, opt, orNull, submit, param, requireConfirm } from "./submit.js";
import { agendaPage } from "./agenda.js";

const meetingUrl = (id: string) => `/editor/meetings/${id}`;

async function home(c: Context<AppEnv>) {
  const who = signedIn(c)!;
  const scope = actorScope(c);
  if (who.user.role === "member") {
    return editorPage(
      c,
      "Editor",
      <p>
        As a member you can keep your own register of interests up to date:{" "}
        {who.user.personId ? (
          <a href={`/editor/people/${who.user.personId}/interests`}>my register of interests</a>
        ) : (
          "your account is not linked to a person; ask the clerk."
        )}
      </p>,
    );
  }
  const committees = await scope.list("committee", {}, ["name"]);
  const today = c.get("today");
  const rows = [];
  for (const cm of committees) {
    const meetings = await scope.list("meeting", { committeeId: cm.id }, ["startsAt"]);
    rows.push({
      cm,
      meetings: meetings.filter((m) => m.localDate >= today).slice(0, 5),
      recent: meetings.filter((m) => m.localDate < today).slice(-3),
    });
  }
  return editorPage(
    c,
    "Editor",
    <>
      <p>
        <a href="/editor/meetings/new">Create a meeting</a> · <a href="/editor/actions">Action tracker</a> ·{" "}
        <a href="/editor/interests">Registers of interests</a>
      </p>
      {rows.map(({ cm, meetings, recent }) => (
        <section>
          <h2>{cm.name}</h2>
          <p>
            <a href={`/editor/committees/${cm.id}/work-programme`}>Work programme</a> ·{" "}
            <a href={`/editor/committees/${cm.id}/actions-paper`}>Tracking decisions paper</a>
          </p>
          <ul class="plain">
            {[...recent, ...meetings].map((m) => (
              <li>
                <a href={meetingUrl(m.id)}>{meetingWhen(m)}</a>{" "}
                <span class="meta">
                  ({m.status}
                  {m.status === "adjourned" && m.adjournedToDate ? ` to ${shortDate(m.adjournedToDate)}` : ""}
                  {m.agendaPublishedAt ? ", agenda published" : ""}
                  {m.shortNoticeReason ? ", short notice" : ""})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>,
  );
}

async function newMeetingPage(c: Context<AppEnv>, state?: FormState, status: EditorStatus = 200) {
  const committees = await actorScope(c).list("committee", {}, ["name"]);
  const kit = new FormKit(c, "meeting-new", { committeeId: c.req.query("committee") ?? "" }, state);
  return editorPage(
    c,
    "Create a meeting",
    <form method="post" action="/editor/meetings">
      {kit.csrf()}
      <Select kit={kit} name="committeeId" label="Committee" options={committees.map((x) => [x.id, x.name])} />
      <MeetingFields kit={kit} />
      <button type="submit">Create meeting</button>
    </form>,
    status,
    state,
  );
}

function MeetingFields(props: { kit: FormKit }) {
  const { kit } = props;
  return (
    <>
      <Field kit={kit} name="localDate" label="Date" type="date" hint="London time, as printed on the agenda" />
      <Field kit={kit} name="localTime" label="Start time (24-hour, e.g. 18:30)" />
      <Field kit={kit} name="title" label="Title (optional)" />
      <Field kit={kit} name="venue" label="Venue" />
      <Field kit={kit} name="contactOfficer" label="Contact officer" />
      <Field kit={kit} name="webcastUrl" label="Webcast address" />
    </>
  );
}

/** The line under every section's heading: where the meeting stands, in words. */
function StatusLine(props: { m: RecordOf<"meeting"> }) {
  const { m } = props;
  return (
    <p>
      Status: <strong>{m.status}</strong>
      {m.status === "adjourned" && m.adjournedToDate
        ? `, to ${meetingWhen({ localDate: m.adjournedToDate, localTime: m.adjournedToTime })}`
        : ""}
      {m.reconvenedOn ? ` (reconvened ${shortDate(m.reconvenedOn)})` : ""}
      {m.statusNote ? ` (${m.statusNote})` : ""}
      {m.agendaPublishedAt ? `; agenda published ${instantText(m.agendaPublishedAt)}` : "; agenda not published"}
      {m.shortNoticeReason ? " at short notice" : ""}
      {m.minutesPublishedAt ? "; minutes published" : ""}. <a href={`/meetings/${m.id}`}>Public page</a>
    </p>
  );
}

/** A section of a meeting: its heading, status and the section nav above the section's own body. */
export async function meetingShell(
  c: Context<AppEnv>,
  m: RecordOf<"meeting">,
  section: MeetingSection,
  body: Child,
  status: EditorStatus = 200,
  state?: FormState,
) {
  const committee = await actorScope(c).require("committee", m.committeeId);
  const label = SECTIONS.find(([k]) => k === section)![1];
  return editorPage(
    c,
    `${label}: ${committee.name}, ${meetingWhen(m)}`,
    <>
      <MeetingNav meetingId={m.id} current={section} />
      <StatusLine m={m} />
      {body}
    </>,
    status,
    state,
  );
}

const MEETING_FORMS = ["meeting-edit", "meeting-cancel", "meeting-postpone", "meeting-held", "meeting-adjourn", "meeting-reconvene"];

/** Details and status: the meeting's particulars and the moves its status may make next. */
export async function meetingPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  // A refusal from another section's form (the agenda's, say) is shown on that section's page.
  if (state && !MEETING_FORMS.includes(state.form)) return agendaPage(c, id, state, status);
  const details = new FormKit(c, "meeting-edit", m, state);
  const cancel = new FormKit(c, "meeting-cancel", {}, state);
  const postpone = new FormKit(c, "meeting-postpone", {}, state);
  const held = new FormKit(c, "meeting-held", {}, state);
  const adjourn = new FormKit(
    c,
    "meeting-adjourn",
    { localDate: m.adjournedToDate, localTime: m.adjournedToTime ?? m.localTime, reason: m.status === "adjourned" ? m.statusNote : null },
    state,
  );
  const reconvene = new FormKit(c, "meeting-reconvene", {}, state);
  const base = meetingUrl(m.id);
  return meetingShell(
    c,
    m,
    "details",
    <>
      <section aria-labelledby="progress-h">
        <h2 id="progress-h">What happens next</h2>
        {MEETING_TRANSITIONS[m.status].length === 0 && <p>This meeting is {m.status}; its status does not change again.</p>}
        {canMove(m.status, "held") && (
          <form method="post" action={`${base}/held`}>
            {held.csrf()}
            <p>Once the meeting has taken place (and concluded), mark it held. Its minutes can be written either way.</p>
            <Confirm kit={held} label="The meeting has taken place and concluded" />
            <ActionButton kind="irreversible">Mark the meeting held</ActionButton>
          </form>
        )}
        {canMove(m.status, "reconvened") && (
          <form method="post" action={`${base}/reconvene`}>
            {reconvene.csrf()}
            <p>
              The meeting is adjourned to{" "}
              {m.adjournedToDate ? meetingWhen({ localDate: m.adjournedToDate, localTime: m.adjournedToTime }) : "a later date"}. Reconvene
              it on that day.
            </p>
            <button type="submit">Reconvene the meeting</button>
          </form>
        )}
        {canMove(m.status, "adjourned") && (
          <form method="post" action={`${base}/adjourn`}>
            {adjourn.csrf()}
            <h3>{m.status === "adjourned" ? "Move the adjourned meeting" : "Adjourn the meeting"}</h3>
            <Field kit={adjourn} name="localDate" label="Adjourned to (date)" type="date" />
            <Field kit={adjourn} name="localTime" label="Adjourned to (time, 24-hour)" />
            <Field kit={adjourn} name="reason" label="Reason (optional, shown to the public)" />
            <button type="submit">{m.status === "adjourned" ? "Save the new date" : "Adjourn the meeting"}</button>
          </form>
        )}
      </section>
      {m.status !== "cancelled" && (
        <section aria-labelledby="details-h">
          <h2 id="details-h">Details</h2>
          <form method="post" action={base}>
            {details.csrf()}
            {details.revision(m)}
            <MeetingFields kit={details} />
            <button type="submit">Save details</button>
          </form>
        </section>
      )}
      {(canMove(m.status, "cancelled") || canMove(m.status, "postponed")) && (
        <section aria-labelledby="status-h">
          <h2 id="status-h">Cancel or postpone</h2>
          {canMove(m.status, "cancelled") && (
            <form method="post" action={`${base}/cancel`}>
              {cancel.csrf()}
              <Field kit={cancel} name="reason" label="Reason for cancelling (shown to the public)" />
              <Confirm kit={cancel} label="Cancel this meeting: this cannot be undone" />
              <ActionButton kind="danger">Cancel the meeting</ActionButton>
            </form>
          )}
          {canMove(m.status, "postponed") && (
            <form method="post" action={`${base}/postpone`}>
              {postpone.csrf()}
              <Field kit={postpone} name="reason" label="Reason for postponing (shown to the public)" />
              <Field kit={postpone} name="localDate" label="New date (optional)" type="date" />
              <Field kit={postpone} name="localTime" label="New time (optional)" />
              <Confirm kit={postpone} label="Postpone this meeting: this cannot be undone" />
              <ActionButton kind="danger">Postpone the meeting</ActionButton>
            </form>
          )}
        </section>
      )}
    </>,
    status,
    state,
  );
}

export function registerMeetings(app: App) {
  guarded(app, "get", "/editor", "signed-in", home);
  guarded(app, "get", "/editor/meetings/new", "staff", (c) => newMeetingPage(c));
  guarded(app, "post", "/editor/meetings", "staff", async (c) => {
    const { values } = await formBody(c);
    return submit(c, {
      form: "meeting-new",
      values,
      run: async () => {
        const m = await createMeeting(actorScope(c), {
          committeeId: values.committeeId ?? "",
          localDate: values.localDate ?? "",
          localTime: opt(values, "localTime"),
          title: opt(values, "title"),
          venue: opt(values, "venue"),
          contactOfficer: opt(values, "contactOfficer"),
          webcastUrl: opt(values, "webcastUrl"),
        });
        return { to: meetingUrl(m.id), message: `Meeting created for ${meetingWhen(m)}.` };
      },
      rerender: (state, status) => newMeetingPage(c, state, status),
    });
  });
  guarded(app, "get", "/editor/meetings/:id", "staff", (c) => meetingPage(c, param(c, "id")));
  guarded(app, "post", "/editor/meetings/:id", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "meeting-edit",
      values,
      run: async () => {
        const m = await editMeeting(actorScope(c).expecting("meeting", id, values.revision), id, {
          localDate: opt(values, "localDate"),
          localTime: orNull(values, "localTime"),
          title: orNull(values, "title"),
          venue: orNull(values, "venue"),
          contactOfficer: orNull(values, "contactOfficer"),
          webcastUrl: orNull(values, "webcastUrl"),
        });
        return { to: meetingUrl(id), message: `Saved. The meeting is on ${meetingWhen(m)}.` };
      },
      rerender: (state, status) => meetingPage(c, id, state, status),
    });
  });
  const move = (
    path: string,
    form: string,
    run: (c: Context<AppEnv>, id: string, values: Record<string, string>) => Promise<{ to: string; message: string }>,
  ) =>
    guarded(app, "post", `/editor/meetings/:id/${path}`, "staff", async (c) => {
      const id = param(c, "id");
      const { values } = await formBody(c);
      return submit(c, { form, values, run: () => run(c, id, values), rerender: (state, status) => meetingPage(c, id, state, status) });
    });
  move("cancel", "meeting-cancel", async (c, id, values) => {
    const reason = values.reason ?? "";
    if (reason.trim()) requireConfirm(values, "cancel the meeting");
    await cancelMeeting(actorScope(c), id, reason);
    return { to: meetingUrl(id), message: "The meeting is cancelled." };
  });
  move("postpone", "meeting-postpone", async (c, id, values) => {
    if ((values.reason ?? "").trim()) requireConfirm(values, "postpone the meeting");
    const date = opt(values, "localDate");
    const r = await postponeMeeting(
      actorScope(c),
      id,
      values.reason ?? "",
      date ? { localDate: date, localTime: opt(values, "localTime") } : undefined,
    );
    return r.rearranged
      ? { to: meetingUrl(r.rearranged.id), message: `Postponed; rearranged for ${meetingWhen(r.rearranged)} with its agenda.` }
      : { to: meetingUrl(id), message: "The meeting is postponed." };
  });
  move("held", "meeting-held", async (c, id, values) => {
    requireConfirm(values, "mark the meeting held");
    await markHeld(actorScope(c), id, c.get("today"));
    return { to: meetingUrl(id), message: "The meeting is marked held." };
  });
  move("adjourn", "meeting-adjourn", async (c, id, values) => {
    const m = await adjournMeeting(
      actorScope(c),
      id,
      { localDate: values.localDate ?? "", localTime: opt(values, "localTime") ?? null, reason: opt(values, "reason") ?? null },
      c.get("today"),
    );
    return {
      to: meetingUrl(id),
      message: `The meeting is adjourned to ${meetingWhen({ localDate: m.adjournedToDate!, localTime: m.adjournedToTime })}.`,
    };
  });
  move("reconvene", "meeting-reconvene", async (c, id) => {
    const m = await reconveneMeeting(actorScope(c), id, c.get("today"));
    return { to: meetingUrl(id), message: `The meeting reconvened on ${shortDate(m.reconvenedOn!)}.` };
  });
}
