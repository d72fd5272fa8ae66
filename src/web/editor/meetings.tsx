import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { createMeeting, editMeeting, cancelMeeting, postponeMeeting } from "../../workflow/meetings.js";
import { checkPublication, publishAgenda } from "../../workflow/publication.js";
import { guarded } from "../auth/guard.js";
import { actorScope, signedIn } from "../auth/session.js";
import { meetingWhen, shortDate, instantText } from "../views/format.js";
import { editorPage, Field, FormKit, Select, type EditorStatus, type FormState } from "./shell.js";
import { formBody, opt, orNull, submit, param } from "./submit.js";
import { AgendaSection } from "./agenda.js";
import { plainMessage } from "./plain-message.js";

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
        <a href="/editor/meetings/new">Create a meeting</a> · <a href="/editor/actions">Action tracker</a>
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
                  {m.agendaPublishedAt ? ", agenda published" : ""})
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

export async function meetingPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  const committee = await scope.require("committee", m.committeeId);
  const check = checkPublication(m);
  const details = new FormKit(c, "meeting-edit", m, state);
  const cancel = new FormKit(c, "meeting-cancel", {}, state);
  const postpone = new FormKit(c, "meeting-postpone", {}, state);
  const publish = new FormKit(c, "publish", {}, state);
  return editorPage(
    c,
    `${committee.name}, ${meetingWhen(m)}`,
    <>
      <p>
        Status: <strong>{m.status}</strong>
        {m.statusNote ? ` (${m.statusNote})` : ""}. <a href={`/meetings/${m.id}`}>Public page</a> ·{" "}
        <a href={`${meetingUrl(m.id)}/minutes`}>Minutes</a>
      </p>
      <section aria-labelledby="publish-h">
        <h2 id="publish-h">Publication</h2>
        {m.agendaPublishedAt ? (
          <p>Agenda published {instantText(m.agendaPublishedAt)}. Later items need a reason for urgency and show as supplementary.</p>
        ) : (
          <>
            <p>
              Five clear working days are needed: the last day to publish is <strong>{shortDate(check.deadline)}</strong>. Publishing today
              leaves {check.clearDays} clear working day
              {check.clearDays === 1 ? "" : "s"}.
            </p>
            {publish.failed && (
              <p class="exempt" id="publish-refusal">
                <strong>Not published:</strong> {plainMessage(publish.state!.error)}
              </p>
            )}
            <form method="post" action={`${meetingUrl(m.id)}/publish`}>
              {publish.csrf()}
              <button type="submit">Publish the agenda</button>
            </form>
          </>
        )}
      </section>
      <section aria-labelledby="pack-h">
        <h2 id="pack-h">Agenda pack</h2>
        <form method="get" action={`${meetingUrl(m.id)}/pack`}>
          <label for="pack-audience">Pack for</label>
          <select id="pack-audience" name="audience">
            <option value="public">the public (exempt papers restricted)</option>
            <option value="members">members (includes exempt papers)</option>
          </select>
          <label for="pack-format">Format</label>
          <select id="pack-format" name="format">
            <option value="pdf">PDF</option>
            <option value="html">HTML</option>
          </select>
          <button type="submit">Generate and download the pack</button>
        </form>
      </section>
      <AgendaSection c={c} meeting={m} state={state} />
      <section aria-labelledby="details-h">
        <h2 id="details-h">Details</h2>
        <form method="post" action={meetingUrl(m.id)}>
          {details.csrf()}
          {details.revision(m)}
          <MeetingFields kit={details} />
          <button type="submit">Save details</button>
        </form>
      </section>
      {m.status === "scheduled" && (
        <section aria-labelledby="status-h">
          <h2 id="status-h">Cancel or postpone</h2>
          <form method="post" action={`${meetingUrl(m.id)}/cancel`}>
            {cancel.csrf()}
            <Field kit={cancel} name="reason" label="Reason for cancelling (shown to the public)" />
            <button type="submit">Cancel the meeting</button>
          </form>
          <form method="post" action={`${meetingUrl(m.id)}/postpone`}>
            {postpone.csrf()}
            <Field kit={postpone} name="reason" label="Reason for postponing (shown to the public)" />
            <Field kit={postpone} name="localDate" label="New date (optional)" type="date" />
            <Field kit={postpone} name="localTime" label="New time (optional)" />
            <button type="submit">Postpone the meeting</button>
          </form>
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
  guarded(app, "post", "/editor/meetings/:id/cancel", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "meeting-cancel",
      values,
      run: async () => (
        await cancelMeeting(actorScope(c), id, values.reason ?? ""), { to: meetingUrl(id), message: "The meeting is cancelled." }
      ),
      rerender: (state, status) => meetingPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/postpone", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "meeting-postpone",
      values,
      run: async () => {
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
      },
      rerender: (state, status) => meetingPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/publish", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "publish",
      values,
      run: async () => (
        await publishAgenda(actorScope(c), id), { to: meetingUrl(id), message: "The agenda and its papers are published." }
      ),
      rerender: (state, status) => meetingPage(c, id, state, status),
    });
  });
}
