import { z } from "zod";
import type { App } from "../context.js";
import { FORWARD_PLAN_CLEAR_DAYS } from "../../domain/forward-plan.js";
import { NOTICE_EXCEPTION_LABEL } from "../../domain/matter.js";
import { MootError } from "../../domain/errors.js";
import { forwardPlan, listMatters, matterDetail, type MatterDetail } from "../../store/queries/matters.js";
import { page } from "../views/render.js";
import { ExemptNotice, Pager } from "../views/components.js";
import { CallIn } from "../views/call-in.js";
import { meetingWhen, shortDate } from "../views/format.js";
import { parseQuery } from "../http/input.js";

const ListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

function NoticeLine(props: { d: Pick<MatterDetail, "matter" | "notice"> }) {
  const { matter, notice } = props.d;
  if (!matter.keyDecision || !matter.noticePublishedOn) return null;
  return (
    <>
      <dt>Notice on the forward plan</dt>
      <dd>
        First published {shortDate(matter.noticePublishedOn)}
        {notice && (
          <>
            {", "}
            {notice.clearDays} clear days before the decision
            {notice.sufficient ? "" : ` (fewer than the ${FORWARD_PLAN_CLEAR_DAYS} required)`}
          </>
        )}
        {matter.noticeException && `. ${NOTICE_EXCEPTION_LABEL[matter.noticeException]}`}
      </dd>
    </>
  );
}

/**
 * Matters followed across meetings, read like ModernGov's issue history, and the forward
 * plan of key decisions. Everything comes from store/queries/matters.ts, which applies
 * publication and exemption per step.
 */
export function registerMatters(app: App) {
  app.get("/matters", async (c) => {
    const q = parseQuery(c, ListQuery);
    const list = await listMatters(c.get("store"), c.get("authority").id, c.get("viewer"), c.get("today"), {
      q: q.q,
      offset: q.offset,
    });
    return page(
      c,
      { title: "Matters", section: "decisions", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Matters</h1>
        <p>
          Reports and issues followed from meeting to meeting. Key decisions to come are on the <a href="/forward-plan">forward plan</a>.
        </p>
        <form class="filters" method="get" action="/matters">
          <label for="q">Reference or title</label> <input id="q" name="q" value={q.q ?? ""} />
          <button type="submit">Find</button>
        </form>
        <p>
          {list.total} matter{list.total === 1 ? "" : "s"}.
        </p>
        <ul class="plain">
          {list.items.map((m) => (
            <li>
              <a href={`/matters/${m.matter.id}`}>
                {m.matter.reference}: {m.matter.title}
              </a>
              {m.matter.keyDecision && " (key decision)"}
              {m.lastMeeting && (
                <span>
                  {" "}
                  — last at {m.lastMeeting.committee.name}, {shortDate(m.lastMeeting.localDate)}
                </span>
              )}
            </li>
          ))}
        </ul>
        <Pager base="/matters" params={{ q: q.q }} offset={q.offset} limit={list.limit} total={list.total} />
      </>,
    );
  });

  app.get("/matters/:id", async (c) => {
    const d = await matterDetail(c.get("store"), c.get("authority").id, c.req.param("id"), c.get("viewer"), c.get("today"));
    if (!d) throw new MootError("not_found", "There is no such matter.");
    const { matter } = d;
    return page(
      c,
      {
        title: `${matter.reference}: ${matter.title}`,
        section: "decisions",
        crumbs: [
          { href: "/", label: "Home" },
          { href: "/matters", label: "Matters" },
        ],
      },
      <>
        <h1>{matter.title}</h1>
        <dl class="facts">
          <dt>Reference</dt>
          <dd>{matter.reference}</dd>
          <dt>Key decision</dt>
          <dd>{matter.keyDecision ? "Yes" : "No"}</dd>
          {d.decisionMaker && (
            <>
              <dt>Decision maker</dt>
              <dd>
                <a href={`/committees/${d.decisionMaker.slug}`}>{d.decisionMaker.name}</a>
              </dd>
            </>
          )}
          {matter.expectedOn && (
            <>
              <dt>Decision due</dt>
              <dd>{shortDate(matter.expectedOn)}</dd>
            </>
          )}
          {matter.leadMember && (
            <>
              <dt>Lead member</dt>
              <dd>{matter.leadMember}</dd>
            </>
          )}
          <NoticeLine d={d} />
        </dl>
        {matter.summary && <p>{matter.summary}</p>}
        <p>
          <a href={`/alerts?matter=${matter.id}`}>Email me when this matter moves</a>
        </p>
        <h2>History</h2>
        {d.steps.length === 0 ? (
          <p>This matter has not yet been to a meeting.</p>
        ) : (
          <ol class="history">
            {d.steps.map((s) => (
              <li id={`step-${s.step.id}`}>
                <h3>
                  <a href={`/meetings/${s.meeting.id}`}>
                    {s.meeting.committee.name}, {meetingWhen(s.meeting)}
                  </a>
                  {s.item && (
                    <>
                      {" "}
                      (<a href={`/meetings/${s.meeting.id}/items/${s.item.id}`}>item {s.item.number}</a>: {s.item.title})
                    </>
                  )}
                </h3>
                {s.step.note && <p>{s.step.note}</p>}
                {s.document && (
                  <p>
                    Report: <a href={`/documents/${s.document.id}`}>{s.document.title}</a>
                  </p>
                )}
                {s.decision &&
                  (s.decision.withheld ? (
                    <ExemptNotice w={s.decision.withheld} />
                  ) : (
                    <div class="decision">
                      <p>
                        <strong>Decision:</strong> {s.decision.decision.text}
                      </p>
                      <CallIn d={s.decision.decision} today={c.get("today")} />
                    </div>
                  ))}
              </li>
            ))}
          </ol>
        )}
      </>,
    );
  });

  app.get("/forward-plan", async (c) => {
    const today = c.get("today");
    const plan = await forwardPlan(c.get("store"), c.get("authority").id, c.get("viewer"), today);
    return page(
      c,
      { title: "Forward plan of key decisions", section: "decisions", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Forward plan of key decisions</h1>
        <p>
          Key decisions the executive expects to take, each published at least {FORWARD_PLAN_CLEAR_DAYS} clear days before it is made (the
          Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012), unless the general
          exception or special urgency procedure was used.
        </p>
        {plan.length === 0 ? (
          <p>No key decisions are planned.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Decision</th>
                <th scope="col">Decision maker</th>
                <th scope="col">Due</th>
                <th scope="col">Notice</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((e) => (
                <tr>
                  <td>{e.matter.reference}</td>
                  <td>
                    <a href={`/matters/${e.matter.id}`}>{e.matter.title}</a>
                    {e.matter.leadMember && <div>{e.matter.leadMember}</div>}
                  </td>
                  <td>{e.decisionMaker?.name ?? ""}</td>
                  <td>{e.matter.expectedOn ? shortDate(e.matter.expectedOn) : "Not yet dated"}</td>
                  <td>
                    {!e.published
                      ? "Not yet published"
                      : `Published ${shortDate(e.matter.noticePublishedOn!)}${e.notice ? `; ${e.notice.clearDays} clear days` : ""}`}
                    {e.matter.noticeException && `. ${NOTICE_EXCEPTION_LABEL[e.matter.noticeException]}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });
}
