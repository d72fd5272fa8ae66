import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import type { RecordOf } from "../../domain/records.js";
import { MootError } from "../../domain/errors.js";
import { addAgendaItem, agendaOf, reorderAgenda, startAgenda, isSupplementary } from "../../workflow/agenda.js";
import { buildPack } from "../../workflow/pack.js";
import { buildPackHtml } from "../../workflow/pack-html.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { Check, Field, FormKit, Select, TextArea, type FormState } from "./shell.js";
import { bool, formBody, intOrNull, opt, submit, param } from "./submit.js";
import { meetingPage } from "./meetings.js";
import { scheduleOntoAgenda } from "../../workflow/work-programme.js";

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

/** The agenda builder on the meeting page: start, add, pull from the programme, reorder. */
export async function AgendaSection(props: { c: Context<AppEnv>; meeting: RecordOf<"meeting">; state?: FormState }) {
  const { c, meeting: m, state } = props;
  const scope = actorScope(c);
  const items = await agendaOf(scope, m.id);
  const programme = (await scope.list("work_programme_item", { committeeId: m.committeeId }, ["createdAt"])).filter(
    (w) => w.status === "proposed" || (w.status === "scheduled" && w.meetingId === m.id && !items.some((i) => i.title === w.topic)),
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
          {!m.agendaPublishedAt && editable && <button type="submit">Save the order</button>}
        </form>
      )}
      {editable && (
        <>
          <h3>Add an item</h3>
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
  const back = (id: string) => `/editor/meetings/${id}#agenda-h`;
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
      rerender: (state, status) => meetingPage(c, id, state, status),
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
      rerender: (state, status) => meetingPage(c, id, state, status),
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
      rerender: (state, status) => meetingPage(c, id, state, status),
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
      rerender: (state, status) => meetingPage(c, id, state, status),
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
