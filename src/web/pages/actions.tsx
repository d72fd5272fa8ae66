import { z } from "zod";
import type { App } from "../context.js";
import { ActionStatus } from "../../domain/action.js";
import { listActions } from "../../store/queries/actions.js";
import { committeeChoices } from "../../store/queries/committees.js";
import { page } from "../views/render.js";
import { Pager, Tag } from "../views/components.js";
import { shortDate } from "../views/format.js";
import { parseQuery } from "../http/input.js";
import { CommitteeSelect, resolveCommittee } from "../views/filters.js";

const Query = z.object({
  committee: z.string().max(200).optional(),
  status: ActionStatus.optional(),
  owner: z.string().max(200).optional(),
  overdue: z.enum(["1", "on", "true"]).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export function registerActions(app: App) {
  app.get("/actions", async (c) => {
    const q = parseQuery(c, Query);
    const store = c.get("store");
    const a = c.get("authority");
    const committees = await committeeChoices(store, a.id);
    const committeeId = resolveCommittee(committees, q.committee);
    const list = await listActions(store, a.id, c.get("viewer"), {
      committeeId,
      status: q.status,
      owner: q.owner,
      overdue: !!q.overdue,
      today: c.get("today"),
      offset: q.offset,
      limit: 50,
    });
    return page(
      c,
      { title: "Action tracker", section: "actions", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Action tracker</h1>
        <form class="filters" method="get" action="/actions">
          <CommitteeSelect committees={committees} selected={q.committee} />
          <div>
            <label for="status">Status</label>
            <select id="status" name="status">
              <option value="">Any status</option>
              {ActionStatus.options.map((s) => (
                <option value={s} selected={q.status === s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="owner">Owner</label>
            <input id="owner" name="owner" type="text" value={q.owner ?? ""} />
          </div>
          <div>
            <input id="overdue" name="overdue" type="checkbox" value="1" checked={!!q.overdue} />
            <label for="overdue">Overdue only</label>
          </div>
          <button type="submit">Filter</button>
        </form>
        <p>
          {list.total} action{list.total === 1 ? "" : "s"}.
        </p>
        <ul class="plain">
          {list.items.map((e) => (
            <li id={`action-${e.action.id}`}>
              <p>
                {e.action.ref && <strong>{e.action.ref} </strong>}
                {e.action.text}
              </p>
              <p class="meta">
                {e.committee && <a href={`/committees/${e.committee.slug}`}>{e.committee.name}</a>}
                {e.action.ownerText && ` · Owner: ${e.action.ownerText}`}
                {e.action.dueDate ? ` · Due ${shortDate(e.action.dueDate)}` : e.action.dueText ? ` · Due ${e.action.dueText}` : ""} ·{" "}
                <Tag kind={e.action.status}>{e.action.status}</Tag> {e.overdue && <Tag kind="overdue">Overdue</Tag>}
                {e.action.meetingId && (
                  <>
                    {" "}
                    · <a href={`/meetings/${e.action.meetingId}`}>Meeting</a>
                  </>
                )}
              </p>
              {e.history.length > 0 && (
                <details>
                  <summary>History ({e.history.length})</summary>
                  <ol>
                    {e.history.map((u) => (
                      <li>
                        {shortDate(u.onDate)}: {u.text}
                        {u.status && ` (${u.status})`}
                        {u.byName && ` — ${u.byName}`}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          ))}
        </ul>
        <Pager
          base="/actions"
          params={{ committee: q.committee, status: q.status, owner: q.owner, overdue: q.overdue }}
          offset={q.offset}
          limit={list.limit}
          total={list.total}
        />
      </>,
    );
  });
}
