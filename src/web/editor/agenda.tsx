import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import type { RecordOf } from "../../domain/records.js";
import { MootError } from "../../domain/errors.js";
import { addAgendaItem, agendaOf, reorderAgenda, startAgenda, isSupplementary } from "../../workflow/agenda.js";
import { buildPack } from "../../workflow/pack.js";
import { buildPackHtml } from "../../workflow/pack-html.js";
import { checkPublication, publishAgenda } from "../../workflow/publication.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { instantText, shortDate } from "../views/format.js";
import { ActionButton, Check, Confirm, Field, FormKit, Select, TextArea, type EditorStatus, type FormState } from "./shell.js";
import { bool, formBody, intOrNull, opt, submit, param, requireConfirm } from "./submit.js";
import { meetingShell } from "./meetings.js";
import { scheduleOntoAgenda } from "../../workflow/work-programme.js";
import { plainMessage } from "./plain-message.js";

export const KIND_OPTIONS: Array<[string, string]> = [
  ["discussion", "Discussion"],
  ["decision", "Decision"],
  ["information", "Information"],
  ["procedural", "Procedural"],
];
export const PARAGRAPH_OPTIONS: Array<[string, string]> = [
  ["", "Public"],
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => [String(n), `Exempt: paragraph ${n}`] as [string, string]),
];

export function flagsOf(i: RecordOf<"agenda_item">): string {
  return [
    i.toFollow && "to follow",
    i.verbal && "verbal",
    i.exemptParagraph !== null && `exempt (para ${i.exemptParagraph})`,
    isSupplementary(i) && `urgent: ${i.urgencyReason}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * Agenda and publication: publish the agenda (or call the meeting at short notice), build the
 * agenda (standing items, new items, the work programme, the order), the supplementary agenda
 * of items added after publication, and the pack.
 */
export async function agendaPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const m = await actorScope(c).require("meeting", id);
  return meetingShell(
    c,
    m,
    "agenda",
    <>
      <PublicationSection c={c} meeting={m} state={state} />
      <AgendaSection c={c} meeting={m} state={state} />
      <section aria-labelledby="pack-h">
        <h2 id="pack-h">Agenda pack</h2>
        <form method="get" action={`/editor/meetings/${m.id}/pack`}>
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
    </>,
    status,
    state,
  );
}

/** Publishing the agenda: on time, or at short notice with the reason and the Chair's agreement. */
async function PublicationSection(props: { c: Context<AppEnv>; meeting: RecordOf<"meeting">; state?: FormState }) {
  const { c, meeting: m, state } = props;
  const publish = new FormKit(c, "publish", {}, state);
  if (m.agendaPublishedAt)
    return (
      <section aria-labelledby="publish-h">
        <h2 id="publish-h">Publication</h2>
        <p>
          Agenda published {instantText(m.agendaPublishedAt)}
          {m.shortNoticeReason
            ? ` at short notice: ${m.shortNoticeReason} (the Chair, ${m.chairAgreedBy}, agreed on ${shortDate(m.chairAgreedOn!)})`
            : ""}
          . Items added now need a reason for urgency and form the supplementary agenda.
        </p>
      </section>
    );
  if (m.status !== "scheduled")
    return (
      <section aria-labelledby="publish-h">
        <h2 id="publish-h">Publication</h2>
        <p>This meeting is {m.status}: its agenda is not published.</p>
      </section>
    );
  const check = checkPublication(m, c.get("now")());
  const chairs = await chairsOf(c, m);
  const notice = new FormKit(c, "publish-short", { chairAgreedBy: chairs[0] ?? "", chairAgreedOn: c.get("today") }, state);
  return (
    <section aria-labelledby="publish-h">
      <h2 id="publish-h">Publication</h2>
      {check.inTime ? (
        <>
          <p>
            Five clear working days are needed: the last day to publish is <strong>{shortDate(check.deadline)}</strong>. Publishing today
            leaves {check.clearDays} clear working day{check.clearDays === 1 ? "" : "s"}.
          </p>
          {publish.failed && (
            <p class="exempt" id="publish-refusal">
              <strong>Not published:</strong> {plainMessage(publish.state!.error)}
            </p>
          )}
          <form method="post" action={`/editor/meetings/${m.id}/publish`}>
            {publish.csrf()}
            <Confirm kit={publish} label="Publish the agenda and its papers to the public now" />
            <ActionButton kind="irreversible">Publish the agenda</ActionButton>
          </form>
        </>
      ) : (
        <>
          <p>
            Too late for five clear working days: the last day was <strong>{shortDate(check.deadline)}</strong>, and publishing today leaves{" "}
            {check.clearDays} clear working day{check.clearDays === 1 ? "" : "s"}. A meeting that cannot wait is called at short notice
            (special urgency), with the Chair's agreement; otherwise move the date under Details.
          </p>
          {(publish.failed || notice.failed) && (
            <p class="exempt" id="publish-refusal">
              <strong>Not published:</strong> {plainMessage((publish.state ?? notice.state)!.error)}
            </p>
          )}
          <form method="post" action={`/editor/meetings/${m.id}/publish`}>
            {notice.csrf()}
            <input type="hidden" name="shortNotice" value="1" />
            <h3>Call the meeting at short notice</h3>
            <Field kit={notice} name="shortNoticeReason" label="Why the meeting cannot wait (shown with the agenda)" />
            <Field kit={notice} name="chairAgreedBy" label="The Chair who agreed" />
            <Field kit={notice} name="chairAgreedOn" label="Date the Chair agreed" type="date" />
            <Confirm kit={notice} label="The Chair has agreed; publish the agenda now at short notice" />
            <ActionButton kind="irreversible">Publish at short notice</ActionButton>
          </form>
        </>
      )}
    </section>
  );
}

/** The committee's chair (or chairs) on the meeting's date, as names for the agreement field. */
async function chairsOf(c: Context<AppEnv>, m: RecordOf<"meeting">): Promise<string[]> {
  const scope = actorScope(c);
  const out: string[] = [];
  for (const ms of await scope.list("membership", { committeeId: m.committeeId })) {
    if (ms.role !== "chair" || (ms.fromDate && ms.fromDate > m.localDate) || (ms.toDate && ms.toDate < m.localDate)) continue;
    const p = await scope.get("person", ms.personId);
    if (p) out.push(p.honorific ? `${p.honorific} ${p.name}` : p.name);
  }
  return out;
}

/** The agenda builder: start, add, pull from the programme, reorder; the supplementary agenda apart. */
export async function AgendaSection(props: { c: Context<AppEnv>; meeting: RecordOf<"meeting">; state?: FormState }) {
  const { c, meeting: m, state } = props;
  const scope = actorScope(c);
  const all = await agendaOf(scope, m.id);
  const items = all.filter((i) => !isSupplementary(i));
  const supplementary = all.filter(isSupplementary);
  const programme = (await scope.list("work_programme_item", { committeeId: m.committeeId }, ["createdAt"])).filter(
    (w) => w.status === "proposed" || (w.status === "scheduled" && w.meetingId === m.id && !all.some((i) => i.title === w.topic)),
  );
  const add = new FormKit(c, "item-add", { kind: "discussion" }, state);
  const pull = new FormKit(c, "item-pull", {}, state);
  const order = new FormKit(c, "agenda-order", Object.fromEntries(items.map((i, n) => [`position_${i.id}`, n + 1])), state);
  const base = `/editor/meetings/${m.id}/agenda`;
  const editable = m.status === "scheduled";
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">Agenda</h2>
      {items.length === 0 && editable && (
        <form method="post" action={`${base}/start`}>
          {add.csrf()}
          <button type="submit">Start from the standing items</button>
        </form>
      )}
      {items.length > 0 && (
        <form method="post" action={`${base}/order`}>
          {order.csrf()}
          <div class="table-wrap">
            <table>
              <caption>Items in order{m.agendaPublishedAt ? " (published: numbers are fixed)" : ""}</caption>
              <thead>
                <tr>
                  <th scope="col">No.</th>
                  <th scope="col">Title</th>
                  <th scope="col">Marked</th>
                  {!m.agendaPublishedAt && <th scope="col">Position</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr>
                    <td>{i.number}</td>
                    <td>
                      <a href={`/editor/items/${i.id}`}>{i.title}</a>
                    </td>
                    <td>{flagsOf(i)}</td>
                    {!m.agendaPublishedAt && (
                      <td>
                        <label class="visually-hidden" for={order.id(`position_${i.id}`)}>
                          Position of {i.title}
                        </label>
                        <input
                          id={order.id(`position_${i.id}`)}
                          name={`position_${i.id}`}
                          type="number"
                          min="1"
                          size={3}
                          value={order.value(`position_${i.id}`)}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!m.agendaPublishedAt && editable && <button type="submit">Save the order</button>}
        </form>
      )}
      {supplementary.length > 0 && (
        <>
          <h3 id="supplement-h">Supplementary agenda</h3>
          <p>Added after the agenda was published, each with its reason for urgency; published as a supplement.</p>
          <ul class="plain">
            {supplementary.map((i) => (
              <li>
                {i.number}. <a href={`/editor/items/${i.id}`}>{i.title}</a> <span class="meta">(urgent: {i.urgencyReason})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {editable && (
        <>
          <h3>{m.agendaPublishedAt ? "Add a supplementary item" : "Add an item"}</h3>
          <form method="post" action={`${base}/items`}>
            {add.csrf()}
            <Field kit={add} name="title" label="Title" />
            <TextArea kit={add} name="description" label="Description" rows={2} />
            <Select kit={add} name="kind" label="Kind" options={KIND_OPTIONS} />
            <Check kit={add} name="toFollow" label="Report to follow" />
            <Check kit={add} name="verbal" label="Verbal update" />
            <Select kit={add} name="exemptParagraph" label="Exempt (Schedule 12A)" options={PARAGRAPH_OPTIONS} />
            <Field kit={add} name="urgencyReason" label="Reason for urgency (needed once the agenda is published)" />
            <button type="submit">Add the item</button>
          </form>
          {programme.length > 0 && (
            <>
              <h3>From the work programme</h3>
              <form method="post" action={`${base}/from-programme`}>
                {pull.csrf()}
                <Select
                  kit={pull}
                  name="workItemId"
                  label="Programme item"
                  options={programme.map((w) => [w.id, `${w.topic}${w.score !== null ? ` (score ${w.score})` : ""}`])}
                />
                <Field kit={pull} name="urgencyReason" label="Reason for urgency (only after publication)" />
                <button type="submit">Add to this agenda</button>
              </form>
            </>
          )}
        </>
      )}
    </section>
  );
}

export function registerAgenda(app: App) {
  const back = (id: string) => `/editor/meetings/${id}/agenda#agenda-h`;
  guarded(app, "get", "/editor/meetings/:id/agenda", "staff", (c) => agendaPage(c, param(c, "id")));
  guarded(app, "post", "/editor/meetings/:id/publish", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    const short = values.shortNotice === "1";
    return submit(c, {
      form: short ? "publish-short" : "publish",
      values,
      run: async () => {
        requireConfirm(values, short ? "publish the agenda at short notice" : "publish the agenda");
        await publishAgenda(
          actorScope(c),
          id,
          c.get("now")(),
          short
            ? {
                reason: values.shortNoticeReason ?? "",
                chairAgreedBy: values.chairAgreedBy ?? "",
                chairAgreedOn: values.chairAgreedOn ?? "",
              }
            : undefined,
        );
        return {
          to: `/editor/meetings/${id}/agenda`,
          message: short
            ? "The agenda is published at short notice, with the Chair's agreement recorded."
            : "The agenda and its papers are published.",
        };
      },
      rerender: (state, status) => agendaPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/agenda/start", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "item-add",
      values,
      run: async () => ({
        to: back(id),
        message: `Started the agenda with ${(await startAgenda(actorScope(c), id)).length} standing items.`,
      }),
      rerender: (state, status) => agendaPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/agenda/items", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "item-add",
      values,
      run: async () => {
        const item = await addAgendaItem(actorScope(c), id, {
          title: values.title ?? "",
          description: opt(values, "description") ?? null,
          kind: (opt(values, "kind") ?? "discussion") as never,
          toFollow: bool(values, "toFollow"),
          verbal: bool(values, "verbal"),
          exemptParagraph: intOrNull(values, "exemptParagraph"),
          urgencyReason: opt(values, "urgencyReason") ?? null,
        });
        return { to: back(id), message: `Added item ${item.number}, ${item.title}.` };
      },
      rerender: (state, status) => agendaPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/agenda/from-programme", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "item-pull",
      values,
      run: async () => {
        const item = await scheduleOntoAgenda(actorScope(c), id, values.workItemId ?? "", { urgencyReason: opt(values, "urgencyReason") });
        return { to: back(id), message: `Added item ${item.number}, ${item.title}, from the work programme.` };
      },
      rerender: (state, status) => agendaPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/meetings/:id/agenda/order", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "agenda-order",
      values,
      run: async () => {
        const scope = actorScope(c);
        const items = await agendaOf(scope, id);
        const wanted = items.map((i, n) => {
          const v = values[`position_${i.id}`]?.trim();
          const p = v ? Number(v) : n + 1;
          if (!Number.isFinite(p)) throw new MootError("invalid", `position_${i.id}: expected a number for "${i.title}"`);
          return { id: i.id, p, n };
        });
        wanted.sort((a, b) => a.p - b.p || a.n - b.n);
        await reorderAgenda(
          scope,
          id,
          wanted.map((w) => w.id),
        );
        return { to: back(id), message: "The agenda is reordered and renumbered." };
      },
      rerender: (state, status) => agendaPage(c, id, state, status),
    });
  });
  guarded(app, "get", "/editor/meetings/:id/pack", "staff", async (c) => {
    const id = param(c, "id");
    const audience = c.req.query("audience") === "members" ? "members" : "public";
    const html = c.req.query("format") === "html";
    const scope = actorScope(c);
    const m = await scope.require("meeting", id);
    const committee = await scope.require("committee", m.committeeId);
    const opts = { audience, viewer: audience === "members" ? c.get("viewer") : undefined } as const;
    const name = `${committee.slug}-${m.localDate}-${audience}.${html ? "html" : "pdf"}`;
    const headers = { "Cache-Control": "private, no-store", "Content-Disposition": `attachment; filename="${name}"` };
    if (html) return c.body(await buildPackHtml(scope, id, opts), 200, { ...headers, "Content-Type": "text/html; charset=utf-8" });
    return c.body((await buildPack(scope, id, opts)) as Uint8Array<ArrayBuffer>, 200, { ...headers, "Content-Type": "application/pdf" });
  });
}
