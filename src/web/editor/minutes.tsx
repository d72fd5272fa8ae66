import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import {
  addMinute,
  approveMinutes,
  correctMinute,
  coversDate,
  currentMinutes,
  declareInterest,
  draftMinutes,
  editMinute,
  recordAttendance,
  type AttendanceEntry,
} from "../../workflow/minutes.js";
import { recordDecision } from "../../workflow/actions.js";
import { publishMinutes } from "../../workflow/publication.js";
import { adjacentMeeting } from "../../workflow/meetings.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { instantText, meetingWhen, shortDate } from "../views/format.js";
import { Field, FormKit, Select, TextArea, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { formBody, opt, orNull, submit, type FormBody, param } from "./submit.js";

const STATUS_OPTIONS: Array<[string, string]> = [
  ["", "Not recorded"],
  ["present", "Present"],
  ["apologies", "Apologies"],
  ["absent", "Absent"],
];
const minutesUrl = (meetingId: string) => `/editor/meetings/${meetingId}/minutes`;

async function minutesPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  const committee = await scope.require("committee", m.committeeId);
  const people = await scope.list("person", {}, ["name"]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  // Only people whose membership covers the meeting's date: a member who has left is not offered.
  const members = [
    ...new Set(
      (await scope.list("membership", { committeeId: m.committeeId })).filter((x) => coversDate(x, m.localDate)).map((x) => x.personId),
    ),
  ];
  const attendance = await scope.list("attendance", { meetingId: id });
  const items = await scope.list("agenda_item", { meetingId: id }, ["position"]);
  const declarations = await scope.list("declaration", { meetingId: id });
  const minutes = await currentMinutes(scope, id);
  const decisions = await scope.list("decision", { meetingId: id }, ["position"]);
  const actions = await scope.list("action", { meetingId: id }, ["createdAt"]);
  const previous = await adjacentMeeting(scope, m.committeeId, m, "previous");
  const previousDrafts = previous ? (await currentMinutes(scope, previous.id)).filter((x) => x.status === "draft").length : 0;
  const sub = attendance.find((a) => a.status === "substitute");
  const officer = attendance.find((a) => a.capacity === "officer");
  const att = new FormKit(
    c,
    "attendance",
    {
      ...Object.fromEntries(
        attendance.filter((a) => a.status !== "substitute" && a.capacity === "member").map((a) => [`status_${a.personId}`, a.status]),
      ),
      subPerson: sub?.personId,
      subFor: sub?.substituteForId,
      officer: officer?.personId,
    },
    state,
  );
  const decl = new FormKit(c, "declaration", { type: "other" }, state);
  const approve = new FormKit(c, "approve", {}, state);
  const publish = new FormKit(c, "publish-minutes", {}, state);
  const add = new FormKit(c, "minute-add", {}, state);
  const personOptions: Array<[string, string]> = [["", "(none)"], ...people.map((p) => [p.id, p.name] as [string, string])];
  return editorPage(
    c,
    `Minutes: ${committee.name}, ${meetingWhen(m)}`,
    <>
      <p>
        <a href={`/editor/meetings/${id}`}>Back to the meeting</a>
      </p>
      {previous && previousDrafts > 0 && (
        <section aria-labelledby="approve-h">
          <h2 id="approve-h">Minutes of the last meeting</h2>
          <form method="post" action={`/editor/meetings/${id}/approve-minutes`}>
            {approve.csrf()}
            <p>
              The minutes of {meetingWhen(previous)} ({previousDrafts} draft) are approved at this meeting.
            </p>
            <button type="submit">Approve the minutes of {shortDate(previous.localDate)}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="publish-h">
        <h2 id="publish-h">Publication</h2>
        {m.minutesPublishedAt ? (
          <p>The minutes were published {instantText(m.minutesPublishedAt)}; drafts show as "draft" until approved.</p>
        ) : (
          <form method="post" action={`/editor/meetings/${id}/publish-minutes`}>
            {publish.csrf()}
            <p>The public sees these minutes, their decisions, attendance and declarations only once they are published.</p>
            <button type="submit">Publish the draft minutes</button>
          </form>
        )}
      </section>
      <section aria-labelledby="att-h">
        <h2 id="att-h">Attendance</h2>
        <form method="post" action={`/editor/meetings/${id}/attendance`}>
          {att.csrf()}
          <input type="hidden" name="shown" value={members.join(",")} />
          {members.map((p) => (
            <Select kit={att} name={`status_${p}`} label={name.get(p) ?? p} options={STATUS_OPTIONS} />
          ))}
          <Select kit={att} name="subPerson" label="Substitute" options={personOptions} />
          <Select
            kit={att}
            name="subFor"
            label="Substituting for"
            options={[["", "(none)"], ...members.map((p) => [p, name.get(p) ?? p] as [string, string])]}
          />
          <Select kit={att} name="officer" label="Officer in attendance" options={personOptions} />
          <button type="submit">Save attendance</button>
        </form>
      </section>
      <section aria-labelledby="decl-h">
        <h2 id="decl-h">Declarations of interest</h2>
        <ul>
          {declarations.map((d) => (
            <li>
              {name.get(d.personId)}: {d.nature} ({d.type})
              {d.agendaItemId ? `, item ${items.find((i) => i.id === d.agendaItemId)?.number ?? ""}` : ""}
            </li>
          ))}
        </ul>
        <form method="post" action={`/editor/meetings/${id}/declarations`}>
          {decl.csrf()}
          <Select kit={decl} name="personId" label="Member" options={personOptions} />
          <Select
            kit={decl}
            name="agendaItemId"
            label="Agenda item"
            options={[["", "(whole meeting)"], ...items.map((i) => [i.id, `${i.number}. ${i.title}`] as [string, string])]}
          />
          <Select
            kit={decl}
            name="type"
            label="Type"
            options={[
              ["dpi", "Disclosable pecuniary"],
              ["ori", "Other registrable"],
              ["nri", "Non-registrable"],
              ["other", "Other"],
            ]}
          />
          <Field kit={decl} name="nature" label="Nature of the interest" />
          <Field kit={decl} name="dispensation" label="Dispensation (if any)" />
          <button type="submit">Record the declaration</button>
        </form>
      </section>
      <section aria-labelledby="minutes-h">
        <h2 id="minutes-h">Minutes</h2>
        {minutes.length === 0 && items.length > 0 && (
          <form method="post" action={`/editor/meetings/${id}/minutes/draft`}>
            {add.csrf()}
            <button type="submit">Draft minutes from the agenda</button>
          </form>
        )}
        {minutes.map((mi) => {
          const edit = new FormKit(c, `minute-${mi.id}`, mi, state);
          const dec = new FormKit(c, `decision-${mi.id}`, { kind: "resolved" }, state);
          // A draft edit refused because the minute was approved meanwhile: its text moves to the correction form.
          const corrState = state?.form === `minute-${mi.id}` ? { ...state, form: `correct-${mi.id}` } : state;
          const corr = new FormKit(c, `correct-${mi.id}`, { text: mi.text }, corrState);
          return (
            <article class="minute" id={`minute-${mi.id}`}>
              <h3>
                {mi.number} {mi.title}{" "}
                <span class="meta">
                  ({mi.status}
                  {mi.version > 1 ? `, version ${mi.version}: ${mi.correctionReason}` : ""})
                </span>
              </h3>
              {decisions
                .filter((d) => d.minuteId === mi.id)
                .map((d) => (
                  <div class="decision">
                    <p>
                      <strong>{d.kind.toUpperCase()}:</strong> {d.text}
                    </p>
                    <ul>
                      {actions
                        .filter((a) => a.decisionId === d.id)
                        .map((a) => (
                          <li>
                            Action {a.ref}: {a.text} ({a.ownerText ?? "no owner"}
                            {a.dueDate ? `, due ${shortDate(a.dueDate)}` : ""})
                          </li>
                        ))}
                    </ul>
                  </div>
                ))}
              {mi.status === "draft" ? (
                <>
                  <form method="post" action={`/editor/minutes/${mi.id}`}>
                    {edit.csrf()}
                    {edit.revision(mi)}
                    <TextArea kit={edit} name="text" label={`Minute ${mi.number} text`} />
                    <button type="submit">Save minute {mi.number}</button>
                  </form>
                  <form method="post" action={`/editor/minutes/${mi.id}/decisions`}>
                    {dec.csrf()}
                    <TextArea kit={dec} name="text" label={`Decision under ${mi.number}`} rows={2} />
                    <Select
                      kit={dec}
                      name="kind"
                      label="Kind"
                      options={[
                        ["resolved", "Resolved"],
                        ["agreed", "Agreed"],
                        ["noted", "Noted"],
                        ["recommended", "Recommended"],
                      ]}
                    />
                    <Field kit={dec} name="action1" label="Action arising (optional)" />
                    <Field kit={dec} name="owner1" label="Action owner" />
                    <Field kit={dec} name="due1" label="Action due" type="date" />
                    <Field kit={dec} name="action2" label="Second action (optional)" />
                    <Field kit={dec} name="owner2" label="Second action owner" />
                    <Field kit={dec} name="due2" label="Second action due" type="date" />
                    <button type="submit">Record the decision</button>
                  </form>
                  <p>
                    <a href={`/editor/minutes/${mi.id}/votes`}>Record a vote under {mi.number}</a>
                  </p>
                </>
              ) : (
                <>
                  <p class="pre">{mi.text}</p>
                  <form method="post" action={`/editor/minutes/${mi.id}/correct`}>
                    {corr.csrf()}
                    <TextArea kit={corr} name="text" label={`Corrected text of ${mi.number}`} />
                    <Field kit={corr} name="reason" label="Reason for the correction" />
                    <button type="submit">Record a correction</button>
                  </form>
                </>
              )}
            </article>
          );
        })}
        <h3>Add a minute</h3>
        <form method="post" action={`/editor/meetings/${id}/minutes`}>
          {add.csrf()}
          <Field kit={add} name="title" label="Minute heading" />
          <TextArea kit={add} name="text" label="Minute text" />
          <button type="submit">Add the minute</button>
        </form>
      </section>
    </>,
    status,
    state,
  );
}

function attendanceFrom(values: FormBody): AttendanceEntry[] {
  const out: AttendanceEntry[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith("status_") && v) out.push({ personId: k.slice(7), status: v as AttendanceEntry["status"] });
  }
  const sub = opt(values, "subPerson");
  if (sub) out.push({ personId: sub, status: "substitute", substituteForId: opt(values, "subFor") ?? null });
  else if (opt(values, "subFor")) throw new MootError("invalid", "subPerson: choose the substitute");
  const officer = opt(values, "officer");
  if (officer) out.push({ personId: officer, status: "present", capacity: "officer" });
  return out;
}

export function registerMinutes(app: App) {
  const form = (
    path: string,
    name: (id: string) => string,
    page: (c: Context<AppEnv>) => Promise<string>,
    run: (c: Context<AppEnv>, id: string, v: FormBody) => Promise<{ to: string; message: string }>,
  ) =>
    guarded(app, "post", path, "staff", async (c) => {
      const id = param(c, "id");
      const { values } = await formBody(c);
      return submit(c, {
        form: name(id),
        values,
        run: () => run(c, id, values),
        rerender: async (state, status) => minutesPage(c, await page(c), state, status),
      });
    });
  const meetingOf = async (c: Context<AppEnv>) => param(c, "id");
  const meetingOfMinute = async (c: Context<AppEnv>) => (await actorScope(c).require("minute", param(c, "id"))).meetingId;

  guarded(app, "get", "/editor/meetings/:id/minutes", "staff", (c) => minutesPage(c, param(c, "id")));
  form(
    "/editor/meetings/:id/attendance",
    () => "attendance",
    meetingOf,
    async (c, id, v) => {
      // Only the people this form showed are replaced; anyone else already recorded stays.
      const shown = (v.shown ?? "").split(",").filter(Boolean);
      const rows = await recordAttendance(actorScope(c), id, attendanceFrom(v), { shown });
      return { to: `${minutesUrl(id)}#att-h`, message: `Attendance saved (${rows.length} people).` };
    },
  );
  form(
    "/editor/meetings/:id/declarations",
    () => "declaration",
    meetingOf,
    async (c, id, v) => {
      await declareInterest(actorScope(c), id, {
        personId: v.personId ?? "",
        agendaItemId: orNull(v, "agendaItemId"),
        type: (opt(v, "type") ?? "other") as never,
        nature: v.nature ?? "",
        dispensation: orNull(v, "dispensation"),
      });
      return { to: `${minutesUrl(id)}#decl-h`, message: "Declaration recorded." };
    },
  );
  form(
    "/editor/meetings/:id/minutes/draft",
    () => "minute-add",
    meetingOf,
    async (c, id) => {
      const made = await draftMinutes(actorScope(c), id);
      return { to: `${minutesUrl(id)}#minutes-h`, message: `Drafted ${made.length} minutes from the agenda.` };
    },
  );
  form(
    "/editor/meetings/:id/minutes",
    () => "minute-add",
    meetingOf,
    async (c, id, v) => {
      const mi = await addMinute(actorScope(c), id, { title: v.title ?? "", text: v.text });
      return { to: `${minutesUrl(id)}#minute-${mi.id}`, message: `Added minute ${mi.number}.` };
    },
  );
  form(
    "/editor/meetings/:id/approve-minutes",
    () => "approve",
    meetingOf,
    async (c, id) => {
      const scope = actorScope(c);
      const m = await scope.require("meeting", id);
      const previous = await adjacentMeeting(scope, m.committeeId, m, "previous");
      if (!previous) throw new MootError("rule", "this is the committee's first meeting: there are no earlier minutes to approve");
      const done = await approveMinutes(scope, previous.id, id);
      return { to: minutesUrl(id), message: `Approved ${done.length} minutes of ${shortDate(previous.localDate)}.` };
    },
  );
  form(
    "/editor/meetings/:id/publish-minutes",
    () => "publish-minutes",
    meetingOf,
    async (c, id) => {
      await publishMinutes(actorScope(c), id);
      return { to: minutesUrl(id), message: "The draft minutes are published." };
    },
  );
  form(
    "/editor/minutes/:id",
    (id) => `minute-${id}`,
    meetingOfMinute,
    async (c, id, v) => {
      const mi = await editMinute(actorScope(c).expecting("minute", id, v.revision), id, { text: v.text ?? "" });
      return { to: `${minutesUrl(mi.meetingId)}#minute-${mi.id}`, message: `Saved minute ${mi.number}.` };
    },
  );
  form(
    "/editor/minutes/:id/decisions",
    (id) => `decision-${id}`,
    meetingOfMinute,
    async (c, id, v) => {
      const actions = [1, 2]
        .filter((n) => opt(v, `action${n}`))
        .map((n) => ({ text: v[`action${n}`].trim(), ownerText: opt(v, `owner${n}`) ?? null, dueDate: opt(v, `due${n}`) ?? null }));
      const r = await recordDecision(actorScope(c), id, { text: v.text ?? "", kind: (opt(v, "kind") ?? "resolved") as never, actions });
      return {
        to: `${minutesUrl(r.decision.meetingId)}#minute-${id}`,
        message: `Decision recorded with ${r.actions.length} action${r.actions.length === 1 ? "" : "s"}.`,
      };
    },
  );
  form(
    "/editor/minutes/:id/correct",
    (id) => `correct-${id}`,
    meetingOfMinute,
    async (c, id, v) => {
      const mi = await correctMinute(actorScope(c), id, { text: v.text ?? "", reason: v.reason ?? "" });
      return { to: `${minutesUrl(mi.meetingId)}#minute-${mi.id}`, message: `Minute ${mi.number} corrected (version ${mi.version}).` };
    },
  );
}
