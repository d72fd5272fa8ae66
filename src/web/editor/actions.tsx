import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { addActionUpdate, openActions } from "../../workflow/actions.js";
import { guarded } from "../auth/guard.js";
import { actorScope, signedIn } from "../auth/session.js";
import { shortDate } from "../views/format.js";
import { Field, FormKit, Select, editorPage, type EditorStatus, type FormState } from "./shell.js";
import { formBody, opt, submit, param } from "./submit.js";

const STATUS_OPTIONS: Array<[string, string]> = [
  ["", "No change"],
  ["open", "Open"],
  ["in-progress", "In progress"],
  ["complete", "Complete"],
  ["discharged", "Discharged"],
];

async function trackerPage(c: Context<AppEnv>, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const today = c.get("today");
  const committees = await scope.list("committee", {}, ["name"]);
  const sections = [];
  for (const cm of committees) sections.push({ cm, open: await openActions(scope, cm.id, today) });
  return editorPage(
    c,
    "Action tracker",
    sections.map(({ cm, open }) => (
      <section>
        <h2>{cm.name}</h2>
        <p>
          <a href={`/editor/committees/${cm.id}/actions-paper`}>Tracking decisions paper</a>
        </p>
        {open.length === 0 ? (
          <p>No open actions.</p>
        ) : (
          <ul class="plain tracker">
            {open.map(({ action: a, overdue, latestUpdate }) => {
              const kit = new FormKit(c, `update-${a.id}`, { onDate: today, byName: signedIn(c)?.user.displayName }, state);
              return (
                <li id={`action-${a.id}`}>
                  <p>
                    <strong>{a.ref ?? "Action"}</strong>: {a.text}{" "}
                    <span class="meta">
                      ({a.status}
                      {overdue ? ", overdue" : ""}
                      {a.ownerText ? `, ${a.ownerText}` : ""}
                      {a.dueDate ? `, due ${shortDate(a.dueDate)}` : ""})
                    </span>
                  </p>
                  {latestUpdate && (
                    <p class="meta">
                      Latest: {shortDate(latestUpdate.onDate)}, {latestUpdate.text}
                    </p>
                  )}
                  <form method="post" action={`/editor/actions/${a.id}/updates`}>
                    {kit.csrf()}
                    {kit.revision(a)}
                    <Field kit={kit} name="text" label={`Update on ${a.ref ?? "this action"}`} />
                    <Field kit={kit} name="onDate" label="Date" type="date" />
                    <Select kit={kit} name="status" label="Status" options={STATUS_OPTIONS} />
                    <Field kit={kit} name="byName" label="By" />
                    <button type="submit">Save the update</button>
                  </form>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    )),
    status,
    state,
  );
}

/** The "tracking decisions" paper a committee receives: open actions with their latest update. */
async function trackingPaper(c: Context<AppEnv>) {
  const scope = actorScope(c);
  const cm = await scope.require("committee", param(c, "id"));
  const rows = await openActions(scope, cm.id, c.get("today"));
  return editorPage(
    c,
    `${cm.name}: tracking decisions`,
    <table>
      <caption>Open actions as at {shortDate(c.get("today"))}</caption>
      <thead>
        <tr>
          <th scope="col">Ref</th>
          <th scope="col">Action</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          <th scope="col">Latest update</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ action: a, overdue, latestUpdate }) => (
          <tr>
            <td>{a.ref}</td>
            <td>{a.text}</td>
            <td>{a.ownerText}</td>
            <td>{a.dueDate ? shortDate(a.dueDate) : a.dueText}</td>
            <td>
              {a.status}
              {overdue ? " (overdue)" : ""}
            </td>
            <td>{latestUpdate ? `${shortDate(latestUpdate.onDate)}: ${latestUpdate.text}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>,
  );
}

export function registerActionEditor(app: App) {
  guarded(app, "get", "/editor/actions", "staff", (c) => trackerPage(c));
  guarded(app, "get", "/editor/committees/:id/actions-paper", "staff", trackingPaper);
  guarded(app, "post", "/editor/actions/:id/updates", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: `update-${id}`,
      values,
      run: async () => {
        const r = await addActionUpdate(actorScope(c).expecting("action", id, values.revision), id, {
          text: values.text ?? "",
          onDate: values.onDate ?? "",
          status: (opt(values, "status") ?? null) as never,
          byName: opt(values, "byName") ?? null,
        });
        return { to: "/editor/actions", message: `Update saved; ${r.action.ref ?? "the action"} is ${r.action.status}.` };
      },
      rerender: (state, status) => trackerPage(c, state, status),
    });
  });
}
