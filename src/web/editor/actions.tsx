import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import {
  addActionUpdate,
  editAction,
  openActions,
  removeAction,
  trackedActions,
  type ActionView,
  type TrackerFilter,
} from "../../workflow/actions.js";
import { guarded } from "../auth/guard.js";
import { actorScope, signedIn } from "../auth/session.js";
import { meetingWhen, shortDate } from "../views/format.js";
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
import { formBody, opt, orNull, submit, param, requireConfirm } from "./submit.js";

const STATUS_OPTIONS: Array<[string, string]> = [
  ["", "No change"],
  ["open", "Open"],
  ["in-progress", "In progress"],
  ["complete", "Complete"],
  ["discharged", "Discharged"],
];
const SHOW: Array<[TrackerFilter, string]> = [
  ["open", "Open"],
  ["overdue", "Overdue"],
  ["closed", "Complete or discharged"],
  ["all", "All"],
];
/** Rows per page of the tracker: a list to scan, with each action's forms on its own page. */
export const TRACKER_PAGE_SIZE = 20;

const actionUrl = (id: string) => `/editor/actions/${id}`;

/** Actions as a table that stacks on a phone: each ref links to the action's own page. */
function ActionTable(props: { rows: ActionView[]; caption: string }) {
  return (
    <table class="stack tracker">
      <caption>{props.caption}</caption>
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
        {props.rows.map(({ action: a, overdue, latestUpdate }) => (
          <tr id={`action-${a.id}`}>
            <td>
              <a href={actionUrl(a.id)}>{a.ref ?? "Action"}</a>
            </td>
            <td>{a.text}</td>
            <td>{a.ownerText ?? ""}</td>
            <td>{a.dueDate ? shortDate(a.dueDate) : (a.dueText ?? "")}</td>
            <td>
              {a.status}
              {overdue ? " (overdue)" : ""}
            </td>
            <td>{latestUpdate ? `${shortDate(latestUpdate.onDate)}: ${latestUpdate.text}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The action tracker: filtered by committee and state, paged; each action is updated on its own page. */
async function trackerPage(c: Context<AppEnv>) {
  const scope = actorScope(c);
  const today = c.get("today");
  const committees = await scope.list("committee", {}, ["name"]);
  const committeeId = committees.some((cm) => cm.id === c.req.query("committee")) ? c.req.query("committee") : undefined;
  const show = (SHOW.find(([k]) => k === c.req.query("show"))?.[0] ?? "open") as TrackerFilter;
  const rows = await trackedActions(scope, { committeeId, show, today });
  const pages = Math.max(1, Math.ceil(rows.length / TRACKER_PAGE_SIZE));
  const pageNo = Math.min(pages, Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
  const shown = rows.slice((pageNo - 1) * TRACKER_PAGE_SIZE, pageNo * TRACKER_PAGE_SIZE);
  const link = (p: number) => {
    const q = new URLSearchParams({ ...(committeeId ? { committee: committeeId } : {}), show, page: String(p) });
    return `/editor/actions?${q}`;
  };
  const name = new Map(committees.map((cm) => [cm.id, cm.name]));
  return editorPage(
    c,
    "Action tracker",
    <>
      <form method="get" action="/editor/actions" class="filters">
        <div>
          <label for="tracker-committee">Committee</label>
          <select id="tracker-committee" name="committee">
            <option value="">All committees</option>
            {committees.map((cm) => (
              <option value={cm.id} selected={cm.id === committeeId}>
                {cm.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="tracker-show">Show</label>
          <select id="tracker-show" name="show">
            {SHOW.map(([k, label]) => (
              <option value={k} selected={k === show}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show actions</button>
      </form>
      {committeeId && (
        <p>
          <a href={`/editor/committees/${committeeId}/actions-paper`}>Tracking decisions paper for {name.get(committeeId)}</a>
        </p>
      )}
      {rows.length === 0 ? (
        <p>No actions match.</p>
      ) : (
        <ActionTable
          rows={shown}
          caption={`${rows.length} action${rows.length === 1 ? "" : "s"}${pages > 1 ? `, page ${pageNo} of ${pages}` : ""}`}
        />
      )}
      {pages > 1 && (
        <nav class="pager" aria-label="Pages of actions">
          {pageNo > 1 && <a href={link(pageNo - 1)}>Previous page</a>}
          {pageNo < pages && <a href={link(pageNo + 1)}>Next page</a>}
        </nav>
      )}
    </>,
  );
}

/** One action: its details (text, owner, due date, status), a progress update, and removal. */
async function actionPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const a = await scope.require("action", id);
  const meeting = a.meetingId ? await scope.get("meeting", a.meetingId) : undefined;
  const updates = await scope.list("action_update", { actionId: id }, ["onDate", "createdAt"]);
  const edit = new FormKit(c, `action-${id}`, a, state);
  const update = new FormKit(c, `update-${id}`, { onDate: c.get("today"), byName: signedIn(c)?.user.displayName }, state);
  const rm = new FormKit(c, `action-remove-${id}`, {}, state);
  return editorPage(
    c,
    `Action ${a.ref ?? ""}: ${a.text.length > 80 ? `${a.text.slice(0, 77)}…` : a.text}`,
    <>
      {meeting && <MeetingNav meetingId={meeting.id} current="actions" />}
      <p>
        <a href="/editor/actions">Back to the action tracker</a>
        {meeting && (
          <>
            {" · "}
            <a href={`/editor/meetings/${meeting.id}/actions`}>Actions of {meetingWhen(meeting)}</a>
          </>
        )}
      </p>
      <p>
        Status: <strong>{a.status}</strong>
        {a.completedOn ? `, completed ${shortDate(a.completedOn)}` : ""}
      </p>
      <section aria-labelledby="update-h">
        <h2 id="update-h">Progress</h2>
        {updates.length === 0 ? (
          <p>No updates yet.</p>
        ) : (
          <ul class="plain">
            {updates.map((u) => (
              <li>
                {shortDate(u.onDate)}: {u.text}
                {u.status ? ` (${u.status})` : ""}
                {u.byName ? `, ${u.byName}` : ""}
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${actionUrl(id)}/updates`}>
          {update.csrf()}
          {update.revision(a)}
          <Field kit={update} name="text" label={`Update on ${a.ref ?? "this action"}`} />
          <Field kit={update} name="onDate" label="Date" type="date" />
          <Select kit={update} name="status" label="Status" options={STATUS_OPTIONS} />
          <Field kit={update} name="byName" label="By" />
          <button type="submit">Save the update</button>
        </form>
      </section>
      <section aria-labelledby="edit-h">
        <h2 id="edit-h">Edit the action</h2>
        <form method="post" action={actionUrl(id)}>
          {edit.csrf()}
          {edit.revision(a)}
          <TextArea kit={edit} name="text" label="Action" rows={3} />
          <Field kit={edit} name="ownerText" label="Owner" />
          <Field kit={edit} name="dueDate" label="Due date" type="date" />
          <Select kit={edit} name="status" label="Status" options={STATUS_OPTIONS.slice(1)} />
          <button type="submit">Save the action</button>
        </form>
      </section>
      <section aria-labelledby="remove-h">
        <h2 id="remove-h">Remove the action</h2>
        <form method="post" action={`${actionUrl(id)}/remove`}>
          {rm.csrf()}
          <Confirm kit={rm} label="Remove this action and its updates (entered in error)" />
          <ActionButton kind="danger">Remove the action</ActionButton>
        </form>
      </section>
    </>,
    status,
    state,
  );
}

/** The actions arising from one meeting, as a section of the meeting. */
async function meetingActionsPage(c: Context<AppEnv>, id: string) {
  const scope = actorScope(c);
  const m = await scope.require("meeting", id);
  const rows = await trackedActions(scope, { meetingId: id, show: "all", today: c.get("today") });
  return meetingShell(
    c,
    m,
    "actions",
    rows.length === 0 ? (
      <p>No actions arise from this meeting yet. Actions are recorded with decisions, under each minute.</p>
    ) : (
      <ActionTable rows={rows} caption={`${rows.length} action${rows.length === 1 ? "" : "s"} arising from this meeting`} />
    ),
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
    <ActionTable rows={rows} caption={`Open actions as at ${shortDate(c.get("today"))}`} />,
  );
}

export function registerActionEditor(app: App) {
  guarded(app, "get", "/editor/actions", "staff", (c) => trackerPage(c));
  guarded(app, "get", "/editor/actions/:id", "staff", (c) => actionPage(c, param(c, "id")));
  guarded(app, "get", "/editor/meetings/:id/actions", "staff", (c) => meetingActionsPage(c, param(c, "id")));
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
        return { to: actionUrl(id), message: `Update saved; ${r.action.ref ?? "the action"} is ${r.action.status}.` };
      },
      rerender: (state, status) => actionPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/actions/:id", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: `action-${id}`,
      values,
      run: async () => {
        const a = await editAction(
          actorScope(c).expecting("action", id, values.revision),
          id,
          {
            text: values.text ?? "",
            ownerText: orNull(values, "ownerText"),
            dueDate: orNull(values, "dueDate"),
            ...(opt(values, "status") ? { status: opt(values, "status") as never } : {}),
          },
          c.get("today"),
        );
        return { to: actionUrl(id), message: `Saved; ${a.ref ?? "the action"} is ${a.status}.` };
      },
      rerender: (state, status) => actionPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/actions/:id/remove", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: `action-remove-${id}`,
      values,
      run: async () => {
        requireConfirm(values, "remove the action");
        const a = await actorScope(c).require("action", id);
        await removeAction(actorScope(c), id);
        return {
          to: a.meetingId ? `/editor/meetings/${a.meetingId}/actions` : "/editor/actions",
          message: `Removed ${a.ref ?? "the action"}.`,
        };
      },
      rerender: (state, status) => actionPage(c, id, state, status),
    });
  });
}
