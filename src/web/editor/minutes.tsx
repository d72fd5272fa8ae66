import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import type { RecordOf } from "../../domain/records.js";
import { MootError } from "../../domain/errors.js";
import { INTEREST_LABELS } from "../../domain/declaration.js";
import {
  addMinute,
  approveMinutes,
  correctMinute,
  coversDate,
  currentMinutes,
  declareInterest,
  draftMinutes,
  editDeclaration,
  editMinute,
  recordAttendance,
  removeDeclaration,
  removeMinute,
  type AttendanceEntry,
} from "../../workflow/minutes.js";
import { editDecision, recordDecision, removeDecision } from "../../workflow/actions.js";
import { publishMinutes } from "../../workflow/publication.js";
import { adjacentMeeting } from "../../workflow/meetings.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { instantText, meetingWhen, shortDate } from "../views/format.js";
import {
  ActionButton,
  Confirm,
  Field,
  FormKit,
  MeetingNav,
  Select,
  TextArea,
  editorPage,
  type EditorStatus,
  type FormState,
} from "./shell.js";
import { meetingShell } from "./meetings.js";
import { formBody, opt, orNull, submit, type FormBody, param, requireConfirm } from "./submit.js";

const STATUS_OPTIONS: Array<[string, string]> = [
  ["", "Not recorded"],
  ["present", "Present"],
  ["apologies", "Apologies"],
  ["absent", "Absent"],
];
const TYPE_OPTIONS: Array<[string, string]> = [
  ["dpi", "Disclosable pecuniary"],
  ["ori", "Other registrable"],
  ["nri", "Non-registrable"],
  ["other", "Other"],
];
const KIND_OPTIONS: Array<[string, string]> = [
  ["resolved", "Resolved"],
  ["agreed", "Agreed"],
  ["noted", "Noted"],
  ["recommended", "Recommended"],
];
/** Blank substitute rows offered below those already recorded: several substitutes go in one save. */
const SPARE_SUBSTITUTE_ROWS = 3;

const minutesUrl = (meetingId: string) => `/editor/meetings/${meetingId}/minutes`;
const attendanceUrl = (meetingId: string) => `/editor/meetings/${meetingId}/attendance`;
const minuteUrl = (minuteId: string) => `/editor/minutes/${minuteId}`;

const personLabel = (p: RecordOf<"person">) => (p.kind === "officer" ? `${p.name}${p.post ? `, ${p.post}` : ""}` : p.name);

/** Members whose membership covers the meeting's date: someone who has left is not offered. */
async function currentMembers(c: Context<AppEnv>, m: RecordOf<"meeting">): Promise<string[]> {
  const rows = await actorScope(c).list("membership", { committeeId: m.committeeId });
  return [...new Set(rows.filter((x) => coversDate(x, m.localDate)).map((x) => x.personId))];
}

/** Attendance and declarations: members, several substitutes, officers; each declaration editable. */
async function attendancePage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  const people = await scope.list("person", {}, ["name"]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const members = await currentMembers(c, m);
  const attendance = await scope.list("attendance", { meetingId: id });
  const items = await scope.list("agenda_item", { meetingId: id }, ["position"]);
  const declarations = await scope.list("declaration", { meetingId: id });
  const subs = attendance.filter((a) => a.status === "substitute");
  const officers = people.filter((p) => p.kind === "officer");
  const officerRows = new Set(attendance.filter((a) => a.capacity === "officer").map((a) => a.personId));
  const subRows = subs.length + SPARE_SUBSTITUTE_ROWS;
  const att = new FormKit(
    c,
    "attendance",
    {
      ...Object.fromEntries(
        attendance.filter((a) => a.status !== "substitute" && a.capacity === "member").map((a) => [`status_${a.personId}`, a.status]),
      ),
      ...Object.fromEntries(
        subs.flatMap((a, n) => [
          [`subPerson_${n + 1}`, a.personId],
          [`subFor_${n + 1}`, a.substituteForId],
        ]),
      ),
      ...Object.fromEntries(officers.map((p) => [`officer_${p.id}`, officerRows.has(p.id)])),
    },
    state,
  );
  const decl = new FormKit(c, "declaration", { type: "other" }, state);
  const others = people.filter((p) => p.kind !== "officer" && !members.includes(p.id));
  const memberOptions: Array<[string, string]> = [["", "(none)"], ...members.map((p) => [p, name.get(p) ?? p] as [string, string])];
  const itemOptions: Array<[string, string]> = [
    ["", "(whole meeting)"],
    ...items.map((i) => [i.id, `${i.number}. ${i.title}`] as [string, string]),
  ];
  const declarers: Array<[string, string]> = [
    ["", "(choose)"],
    ...people.filter((p) => p.kind !== "officer").map((p) => [p.id, p.name] as [string, string]),
  ];
  return meetingShell(
    c,
    m,
    "attendance",
    <>
      <section aria-labelledby="att-h">
        <h2 id="att-h">Attendance</h2>
        <form method="post" action={`${attendanceUrl(id)}`}>
          {att.csrf()}
          <input type="hidden" name="shown" value={members.join(",")} />
          <input type="hidden" name="shownSubstitutes" value={subs.map((a) => a.personId).join(",")} />
          <input type="hidden" name="shownOfficers" value={officers.map((p) => p.id).join(",")} />
          <fieldset>
            <legend>Members</legend>
            {members.map((p) => (
              <Select kit={att} name={`status_${p}`} label={name.get(p) ?? p} options={STATUS_OPTIONS} />
            ))}
          </fieldset>
          <fieldset>
            <legend>Substitutes</legend>
            <p class="meta">One row per substitute; leave a row blank to skip it.</p>
            {Array.from({ length: subRows }, (_, k) => k + 1).map((n) => (
              <div class="pair">
                <Select
                  kit={att}
                  name={`subPerson_${n}`}
                  label={`Substitute ${n}`}
                  options={[["", "(none)"], ...others.map((p) => [p.id, p.name] as [string, string])]}
                />
                <Select kit={att} name={`subFor_${n}`} label={`Substitute ${n} stands in for`} options={memberOptions} />
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Officers in attendance</legend>
            {officers.length === 0 ? (
              <p>No officers are recorded for this council.</p>
            ) : (
              officers.map((p) => (
                <div class="field check">
                  <input
                    id={att.id(`officer_${p.id}`)}
                    name={`officer_${p.id}`}
                    type="checkbox"
                    checked={att.value(`officer_${p.id}`) !== ""}
                  />{" "}
                  <label for={att.id(`officer_${p.id}`)}>{personLabel(p)}</label>
                </div>
              ))
            )}
          </fieldset>
          <button type="submit">Save attendance</button>
        </form>
      </section>
      <section aria-labelledby="decl-h">
        <h2 id="decl-h">Declarations of interest</h2>
        {declarations.length === 0 ? (
          <p>No declarations recorded.</p>
        ) : (
          <ul class="plain declarations">
            {declarations.map((d) => {
              const kit = new FormKit(c, `declaration-${d.id}`, d, state);
              const rm = new FormKit(c, `declaration-remove-${d.id}`, {}, state);
              const item = items.find((i) => i.id === d.agendaItemId);
              return (
                <li id={`declaration-${d.id}`}>
                  {name.get(d.personId)}: {d.nature} ({INTEREST_LABELS[d.type]}){item ? `, item ${item.number}` : ""}
                  <details class="edit" open={kit.failed || rm.failed}>
                    <summary>Edit or remove this declaration</summary>
                    <form method="post" action={`/editor/declarations/${d.id}`}>
                      {kit.csrf()}
                      {kit.revision(d)}
                      <Select kit={kit} name="agendaItemId" label="Agenda item" options={itemOptions} />
                      <Select kit={kit} name="type" label="Type" options={TYPE_OPTIONS} />
                      <Field kit={kit} name="nature" label="Nature of the interest" />
                      <Field kit={kit} name="dispensation" label="Dispensation (if any)" />
                      <button type="submit">Save the declaration</button>
                    </form>
                    <form method="post" action={`/editor/declarations/${d.id}/remove`}>
                      {rm.csrf()}
                      <Confirm kit={rm} label="Remove this declaration" />
                      <ActionButton kind="danger">Remove the declaration</ActionButton>
                    </form>
                  </details>
                </li>
              );
            })}
          </ul>
        )}
        <h3>Record a declaration</h3>
        <form method="post" action={`/editor/meetings/${id}/declarations`}>
          {decl.csrf()}
          <Select kit={decl} name="personId" label="Member" options={declarers} />
          <Select kit={decl} name="agendaItemId" label="Agenda item" options={itemOptions} />
          <Select kit={decl} name="type" label="Type" options={TYPE_OPTIONS} />
          <Field kit={decl} name="nature" label="Nature of the interest" />
          <Field kit={decl} name="dispensation" label="Dispensation (if any)" />
          <button type="submit">Record the declaration</button>
        </form>
      </section>
    </>,
    status,
    state,
  );
}

/** The minutes of a meeting: approval of the last meeting's, publication, each minute in brief. */
async function minutesPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  const items = await scope.list("agenda_item", { meetingId: id }, ["position"]);
  const minutes = await currentMinutes(scope, id);
  const decisions = await scope.list("decision", { meetingId: id }, ["position"]);
  const previous = await adjacentMeeting(scope, m.committeeId, m, "previous");
  const previousDrafts = previous ? (await currentMinutes(scope, previous.id)).filter((x) => x.status === "draft").length : 0;
  const approve = new FormKit(c, "approve", {}, state);
  const publish = new FormKit(c, "publish-minutes", {}, state);
  const add = new FormKit(c, "minute-add", {}, state);
  return meetingShell(
    c,
    m,
    "minutes",
    <>
      {previous && previousDrafts > 0 && (
        <section aria-labelledby="approve-h">
          <h2 id="approve-h">Minutes of the last meeting</h2>
          <form method="post" action={`/editor/meetings/${id}/approve-minutes`}>
            {approve.csrf()}
            <p>
              The minutes of {meetingWhen(previous)} ({previousDrafts} draft) are approved at this meeting. Approved minutes are locked and
              published; later changes are corrections.
            </p>
            <Confirm kit={approve} label={`The committee approved the minutes of ${shortDate(previous.localDate)}`} />
            <ActionButton kind="irreversible">Approve the minutes of {shortDate(previous.localDate)}</ActionButton>
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
            <Confirm kit={publish} label="Publish the draft minutes to the public now" />
            <ActionButton kind="irreversible">Publish the draft minutes</ActionButton>
          </form>
        )}
      </section>
      <section aria-labelledby="minutes-h">
        <h2 id="minutes-h">Minutes</h2>
        {minutes.length === 0 && items.length > 0 && (
          <form method="post" action={`/editor/meetings/${id}/minutes/draft`}>
            {add.csrf()}
            <button type="submit">Draft minutes from the agenda</button>
          </form>
        )}
        <ol class="plain minutes-list">
          {minutes.map((mi) => {
            const under = decisions.filter((d) => d.minuteId === mi.id);
            return (
              <li class="minute" id={`minute-${mi.id}`}>
                <h3>
                  {mi.number} {mi.title}{" "}
                  <span class="meta">
                    ({mi.status}
                    {mi.version > 1 ? `, version ${mi.version}: ${mi.correctionReason}` : ""})
                  </span>
                </h3>
                {mi.text ? <p class="pre">{mi.text}</p> : <p class="meta">No text yet.</p>}
                {under.map((d) => (
                  <p class="decision">
                    <strong>{d.kind.toUpperCase()}:</strong> {d.text}
                  </p>
                ))}
                <p>
                  <a href={minuteUrl(mi.id)}>
                    {mi.status === "draft" ? `Edit minute ${mi.number}, its decisions and votes` : `Correct minute ${mi.number}`}
                  </a>
                </p>
              </li>
            );
          })}
        </ol>
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

/**
 * One minute, edited on its own page: its text, its decisions (each editable) with the actions
 * they create, its votes; or, once approved, the correction form.
 */
async function minutePage(c: Context<AppEnv>, minuteId: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const mi = await scope.require("minute", minuteId);
  const m = await scope.require("meeting", mi.meetingId);
  const committee = await scope.require("committee", m.committeeId);
  const decisions = await scope.list("decision", { minuteId }, ["position"]);
  const actions = await scope.list("action", { meetingId: m.id }, ["createdAt"]);
  const votes = await scope.list("vote", { minuteId }, ["position"]);
  const edit = new FormKit(c, `minute-${mi.id}`, mi, state);
  const dec = new FormKit(c, `decision-${mi.id}`, { kind: "resolved" }, state);
  const rm = new FormKit(c, `minute-remove-${mi.id}`, {}, state);
  // A draft edit refused because the minute was approved meanwhile: its text moves to the correction form.
  const corrState = state?.form === `minute-${mi.id}` ? { ...state, form: `correct-${mi.id}` } : state;
  const corr = new FormKit(c, `correct-${mi.id}`, { text: mi.text }, corrState);
  return editorPage(
    c,
    `Minute ${mi.number}: ${committee.name}, ${meetingWhen(m)}`,
    <>
      <MeetingNav meetingId={m.id} current="minutes" />
      <p>
        <a href={`${minutesUrl(m.id)}#minute-${mi.id}`}>Back to the minutes</a>
      </p>
      <h2>
        {mi.number} {mi.title}{" "}
        <span class="meta">
          ({mi.status}
          {mi.version > 1 ? `, version ${mi.version}: ${mi.correctionReason}` : ""})
        </span>
      </h2>
      {mi.status === "draft" ? (
        <>
          <form method="post" action={minuteUrl(mi.id)}>
            {edit.csrf()}
            {edit.revision(mi)}
            <Field kit={edit} name="title" label="Minute heading" />
            <TextArea kit={edit} name="text" label={`Minute ${mi.number} text`} rows={8} />
            <button type="submit">Save minute {mi.number}</button>
          </form>
          <section aria-labelledby="decisions-h">
            <h3 id="decisions-h">Decisions</h3>
            {decisions.length === 0 && <p>No decisions recorded under this minute.</p>}
            {decisions.map((d) => {
              const kit = new FormKit(c, `decision-edit-${d.id}`, d, state);
              const drm = new FormKit(c, `decision-remove-${d.id}`, {}, state);
              const arising = actions.filter((a) => a.decisionId === d.id);
              return (
                <div class="decision" id={`decision-${d.id}`}>
                  <p>
                    <strong>{d.kind.toUpperCase()}:</strong> {d.text}
                  </p>
                  {arising.length > 0 && (
                    <ul>
                      {arising.map((a) => (
                        <li>
                          Action <a href={`/editor/actions/${a.id}`}>{a.ref}</a>: {a.text} ({a.ownerText ?? "no owner"}
                          {a.dueDate ? `, due ${shortDate(a.dueDate)}` : ""})
                        </li>
                      ))}
                    </ul>
                  )}
                  <details class="edit" open={kit.failed || drm.failed}>
                    <summary>Edit or remove this decision</summary>
                    <form method="post" action={`/editor/decisions/${d.id}`}>
                      {kit.csrf()}
                      {kit.revision(d)}
                      <TextArea kit={kit} name="text" label="Decision" rows={3} />
                      <Select kit={kit} name="kind" label="Kind" options={KIND_OPTIONS} />
                      <button type="submit">Save the decision</button>
                    </form>
                    <form method="post" action={`/editor/decisions/${d.id}/remove`}>
                      {drm.csrf()}
                      <Confirm kit={drm} label={`Remove this decision${arising.length ? ` and its ${arising.length} action(s)` : ""}`} />
                      <ActionButton kind="danger">Remove the decision</ActionButton>
                    </form>
                  </details>
                </div>
              );
            })}
            <h3>Record a decision</h3>
            <form method="post" action={`${minuteUrl(mi.id)}/decisions`}>
              {dec.csrf()}
              <TextArea kit={dec} name="text" label={`Decision under ${mi.number}`} rows={2} />
              <Select kit={dec} name="kind" label="Kind" options={KIND_OPTIONS} />
              <fieldset>
                <legend>Actions arising (optional)</legend>
                <Field kit={dec} name="action1" label="Action arising (optional)" />
                <Field kit={dec} name="owner1" label="Action owner" />
                <Field kit={dec} name="due1" label="Action due" type="date" />
                <Field kit={dec} name="action2" label="Second action (optional)" />
                <Field kit={dec} name="owner2" label="Second action owner" />
                <Field kit={dec} name="due2" label="Second action due" type="date" />
              </fieldset>
              <button type="submit">Record the decision</button>
            </form>
          </section>
          <section aria-labelledby="votes-h">
            <h3 id="votes-h">Votes</h3>
            <p>
              {votes.length} vote{votes.length === 1 ? "" : "s"} recorded.{" "}
              <a href={`${minuteUrl(mi.id)}/votes`}>Record or edit votes under {mi.number}</a>
            </p>
          </section>
          <section aria-labelledby="minute-remove-h">
            <h3 id="minute-remove-h">Remove the minute</h3>
            <form method="post" action={`${minuteUrl(mi.id)}/remove`}>
              {rm.csrf()}
              <Confirm kit={rm} label={`Remove minute ${mi.number} with its decisions, actions and votes`} />
              <ActionButton kind="danger">Remove minute {mi.number}</ActionButton>
            </form>
          </section>
        </>
      ) : (
        <>
          <p class="pre">{mi.text}</p>
          {decisions.map((d) => (
            <p class="decision">
              <strong>{d.kind.toUpperCase()}:</strong> {d.text}
            </p>
          ))}
          <form method="post" action={`${minuteUrl(mi.id)}/correct`}>
            {corr.csrf()}
            <TextArea kit={corr} name="text" label={`Corrected text of ${mi.number}`} rows={8} />
            <Field kit={corr} name="reason" label="Reason for the correction" />
            <button type="submit">Record a correction</button>
          </form>
        </>
      )}
    </>,
    status,
    state,
  );
}

const listed = (v: string | undefined) => (v ?? "").split(",").filter(Boolean);

function attendanceFrom(values: FormBody): AttendanceEntry[] {
  const out: AttendanceEntry[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith("status_") && v) out.push({ personId: k.slice(7), status: v as AttendanceEntry["status"] });
  }
  // Rows subPerson_1…n with subFor_1…n; the old single pair (subPerson, subFor) still reads.
  const rows = new Set(
    Object.keys(values).flatMap((k) => (/^sub(?:Person|For)(_\d+)?$/.exec(k) ? [k.replace(/^sub(Person|For)/, "")] : [])),
  );
  for (const n of [...rows].sort()) {
    const sub = opt(values, `subPerson${n}`);
    const forId = opt(values, `subFor${n}`);
    if (sub) out.push({ personId: sub, status: "substitute", substituteForId: forId ?? null });
    else if (forId) throw new MootError("invalid", `subPerson${n}: choose the substitute who stood in`);
  }
  for (const k of Object.keys(values)) {
    if (k.startsWith("officer_") && values[k]) out.push({ personId: k.slice(8), status: "present", capacity: "officer" });
  }
  const officer = opt(values, "officer");
  if (officer) out.push({ personId: officer, status: "present", capacity: "officer" });
  return out;
}

export function registerMinutes(app: App) {
  const form = (
    path: string,
    name: (id: string) => string,
    page: (c: Context<AppEnv>, state: FormState, status: EditorStatus) => Promise<Response>,
    run: (c: Context<AppEnv>, id: string, v: FormBody) => Promise<{ to: string; message: string }>,
  ) =>
    guarded(app, "post", path, "staff", async (c) => {
      const id = param(c, "id");
      const { values } = await formBody(c);
      return submit(c, {
        form: name(id),
        values,
        run: () => run(c, id, values),
        rerender: (state, status) => page(c, state, status),
      });
    });
  const onMinutes = (c: Context<AppEnv>, state: FormState, status: EditorStatus) => minutesPage(c, param(c, "id"), state, status);
  const onAttendance = (c: Context<AppEnv>, state: FormState, status: EditorStatus) => attendancePage(c, param(c, "id"), state, status);
  const onMinute = (c: Context<AppEnv>, state: FormState, status: EditorStatus) => minutePage(c, param(c, "id"), state, status);
  const onDeclaration = async (c: Context<AppEnv>, state: FormState, status: EditorStatus) =>
    attendancePage(c, (await actorScope(c).require("declaration", param(c, "id"))).meetingId, state, status);
  const onDecision = async (c: Context<AppEnv>, state: FormState, status: EditorStatus) => {
    const d = await actorScope(c).require("decision", param(c, "id"));
    return d.minuteId ? minutePage(c, d.minuteId, state, status) : minutesPage(c, d.meetingId, state, status);
  };

  guarded(app, "get", "/editor/meetings/:id/minutes", "staff", (c) => minutesPage(c, param(c, "id")));
  guarded(app, "get", "/editor/meetings/:id/attendance", "staff", (c) => attendancePage(c, param(c, "id")));
  guarded(app, "get", "/editor/minutes/:id", "staff", (c) => minutePage(c, param(c, "id")));
  form(
    "/editor/meetings/:id/attendance",
    () => "attendance",
    onAttendance,
    async (c, id, v) => {
      // Only the people this form showed are replaced; anyone else already recorded stays.
      const shown = [...listed(v.shown), ...listed(v.shownSubstitutes), ...listed(v.shownOfficers)];
      const rows = await recordAttendance(actorScope(c), id, attendanceFrom(v), { shown });
      return { to: `${attendanceUrl(id)}#att-h`, message: `Attendance saved (${rows.length} people).` };
    },
  );
  form(
    "/editor/meetings/:id/declarations",
    () => "declaration",
    onAttendance,
    async (c, id, v) => {
      await declareInterest(actorScope(c), id, {
        personId: v.personId ?? "",
        agendaItemId: orNull(v, "agendaItemId"),
        type: (opt(v, "type") ?? "other") as never,
        nature: v.nature ?? "",
        dispensation: orNull(v, "dispensation"),
      });
      return { to: `${attendanceUrl(id)}#decl-h`, message: "Declaration recorded." };
    },
  );
  form(
    "/editor/declarations/:id",
    (id) => `declaration-${id}`,
    onDeclaration,
    async (c, id, v) => {
      const d = await editDeclaration(actorScope(c).expecting("declaration", id, v.revision), id, {
        agendaItemId: orNull(v, "agendaItemId"),
        type: (opt(v, "type") ?? "other") as never,
        nature: v.nature ?? "",
        dispensation: orNull(v, "dispensation"),
      });
      return { to: `${attendanceUrl(d.meetingId)}#declaration-${id}`, message: "Declaration saved." };
    },
  );
  form(
    "/editor/declarations/:id/remove",
    (id) => `declaration-remove-${id}`,
    onDeclaration,
    async (c, id, v) => {
      requireConfirm(v, "remove the declaration");
      const d = await actorScope(c).require("declaration", id);
      await removeDeclaration(actorScope(c), id);
      return { to: `${attendanceUrl(d.meetingId)}#decl-h`, message: "Declaration removed." };
    },
  );
  form(
    "/editor/meetings/:id/minutes/draft",
    () => "minute-add",
    onMinutes,
    async (c, id) => {
      const made = await draftMinutes(actorScope(c), id);
      return { to: `${minutesUrl(id)}#minutes-h`, message: `Drafted ${made.length} minutes from the agenda.` };
    },
  );
  form(
    "/editor/meetings/:id/minutes",
    () => "minute-add",
    onMinutes,
    async (c, id, v) => {
      const mi = await addMinute(actorScope(c), id, { title: v.title ?? "", text: v.text });
      return { to: `${minutesUrl(id)}#minute-${mi.id}`, message: `Added minute ${mi.number}.` };
    },
  );
  form(
    "/editor/meetings/:id/approve-minutes",
    () => "approve",
    onMinutes,
    async (c, id, v) => {
      requireConfirm(v, "approve the minutes");
      const scope = actorScope(c);
      const m = await scope.require("meeting", id);
      const previous = await adjacentMeeting(scope, m.committeeId, m, "previous");
      if (!previous) throw new MootError("rule", "this is the committee's first meeting: there are no earlier minutes to approve");
      const done = await approveMinutes(scope, previous.id, id, c.get("now")());
      return { to: minutesUrl(id), message: `Approved ${done.length} minutes of ${shortDate(previous.localDate)}.` };
    },
  );
  form(
    "/editor/meetings/:id/publish-minutes",
    () => "publish-minutes",
    onMinutes,
    async (c, id, v) => {
      requireConfirm(v, "publish the minutes");
      await publishMinutes(actorScope(c), id, c.get("now")());
      return { to: minutesUrl(id), message: "The draft minutes are published." };
    },
  );
  form(
    "/editor/minutes/:id",
    (id) => `minute-${id}`,
    onMinute,
    async (c, id, v) => {
      const mi = await editMinute(actorScope(c).expecting("minute", id, v.revision), id, {
        text: v.text ?? "",
        ...(v.title !== undefined ? { title: v.title } : {}),
      });
      return { to: `${minuteUrl(mi.id)}`, message: `Saved minute ${mi.number}.` };
    },
  );
  form(
    "/editor/minutes/:id/remove",
    (id) => `minute-remove-${id}`,
    onMinute,
    async (c, id, v) => {
      requireConfirm(v, "remove the minute");
      const mi = await actorScope(c).require("minute", id);
      await removeMinute(actorScope(c), id);
      return { to: `${minutesUrl(mi.meetingId)}#minutes-h`, message: `Removed minute ${mi.number}.` };
    },
  );
  form(
    "/editor/minutes/:id/decisions",
    (id) => `decision-${id}`,
    onMinute,
    async (c, id, v) => {
      const actions = [1, 2]
        .filter((n) => opt(v, `action${n}`))
        .map((n) => ({ text: v[`action${n}`].trim(), ownerText: opt(v, `owner${n}`) ?? null, dueDate: opt(v, `due${n}`) ?? null }));
      const r = await recordDecision(actorScope(c), id, { text: v.text ?? "", kind: (opt(v, "kind") ?? "resolved") as never, actions });
      return {
        to: `${minuteUrl(id)}#decision-${r.decision.id}`,
        message: `Decision recorded with ${r.actions.length} action${r.actions.length === 1 ? "" : "s"}.`,
      };
    },
  );
  form(
    "/editor/decisions/:id",
    (id) => `decision-edit-${id}`,
    onDecision,
    async (c, id, v) => {
      const d = await editDecision(actorScope(c).expecting("decision", id, v.revision), id, {
        text: v.text ?? "",
        kind: (opt(v, "kind") ?? "resolved") as never,
      });
      return { to: d.minuteId ? `${minuteUrl(d.minuteId)}#decision-${id}` : minutesUrl(d.meetingId), message: "Decision saved." };
    },
  );
  form(
    "/editor/decisions/:id/remove",
    (id) => `decision-remove-${id}`,
    onDecision,
    async (c, id, v) => {
      requireConfirm(v, "remove the decision");
      const d = await actorScope(c).require("decision", id);
      await removeDecision(actorScope(c), id);
      return { to: d.minuteId ? `${minuteUrl(d.minuteId)}#decisions-h` : minutesUrl(d.meetingId), message: "Decision removed." };
    },
  );
  form(
    "/editor/minutes/:id/correct",
    (id) => `correct-${id}`,
    onMinute,
    async (c, id, v) => {
      const mi = await correctMinute(actorScope(c), id, { text: v.text ?? "", reason: v.reason ?? "" });
      return { to: `${minutesUrl(mi.meetingId)}#minute-${mi.id}`, message: `Minute ${mi.number} corrected (version ${mi.version}).` };
    },
  );
}
