import { z } from "zod";
import type { App } from "../context.js";
import { IsoDate } from "../../domain/common.js";
import { listDecisions } from "../../store/queries/decisions.js";
import { committeeChoices } from "../../store/queries/committees.js";
import { page } from "../views/render.js";
import { ExemptNotice, Pager } from "../views/components.js";
import { shortDate } from "../views/format.js";
import { CallIn } from "../views/call-in.js";
import { parseQuery } from "../http/input.js";
import { CommitteeSelect, DateRangeFields, resolveCommittee } from "../views/filters.js";

const Query = z.object({
  committee: z.string().max(200).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export function registerDecisions(app: App) {
  app.get("/decisions", async (c) => {
    const q = parseQuery(c, Query);
    const store = c.get("store");
    const a = c.get("authority");
    const committees = await committeeChoices(store, a.id);
    const committeeId = resolveCommittee(committees, q.committee);
    const list = await listDecisions(store, a.id, c.get("viewer"), { committeeId, from: q.from, to: q.to, offset: q.offset, limit: 50 });
    return page(
      c,
      {
        title: "Decisions",
        section: "decisions",
        crumbs: [{ href: "/", label: "Home" }],
        feeds: [{ href: "/feeds/decisions.atom", type: "application/atom+xml", title: "Decisions" }],
      },
      <>
        <h1>Decisions</h1>
        <p>
          Reports followed from meeting to meeting are under <a href="/matters">matters</a>; key decisions to come are on the{" "}
          <a href="/forward-plan">forward plan</a>.
        </p>
        <form class="filters" method="get" action="/decisions">
          <CommitteeSelect committees={committees} selected={q.committee} />
          <DateRangeFields from={q.from} to={q.to} />
          <button type="submit">Filter</button>
        </form>
        <p>
          {list.total} decision{list.total === 1 ? "" : "s"}.
        </p>
        <ul class="plain">
          {list.items.map((d) => (
            <li>
              <a href={`/meetings/${d.decision.meetingId}#decision-${d.decision.id}`}>
                {d.committee.name}, {shortDate(d.decision.decidedOn)}
              </a>
              {d.item && (
                <span>
                  , item {d.item.number}: {d.item.title}
                </span>
              )}
              {d.withheld ? <ExemptNotice w={d.withheld} /> : <p>{d.decision.text}</p>}
              {!d.withheld && <CallIn d={d.decision} today={c.get("today")} />}
            </li>
          ))}
        </ul>
        <Pager
          base="/decisions"
          params={{ committee: q.committee, from: q.from, to: q.to }}
          offset={q.offset}
          limit={list.limit}
          total={list.total}
        />
      </>,
    );
  });
}
