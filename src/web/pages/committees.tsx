import { ROLE_LABELS } from "../../domain/membership.js";
import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { type CommitteeDetail, committeeDetail, committeeSummaries, findCommittee } from "../../store/queries/committees.js";
import { page } from "../views/render.js";
import { MeetingLink, Tag } from "../views/components.js";
import { clockTime, longDate, shortDate } from "../views/format.js";
import { paperBand } from "../../domain/work-programme.js";

const ROLE: Record<string, string> = ROLE_LABELS;

export function registerCommittees(app: App) {
  app.get("/committees", async (c) => {
    const list = await committeeSummaries(c.get("store"), c.get("authority").id, c.get("today"));
    return page(
      c,
      { title: "Committees", section: "committees", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Committees</h1>
        <ul class="plain cards">
          {list.map(({ committee: cm, chair, next }) => (
            <li>
              <h2>
                <a href={`/committees/${cm.slug}`}>{cm.name}</a>
                {cm.activeTo && <span class="meta"> (until {shortDate(cm.activeTo)})</span>}
              </h2>
              {cm.description && <p>{cm.description}</p>}
              <p class="meta">
                {chair ? (
                  <>
                    Chair: <a href={`/people/${chair.slug}`}>{chair.name}</a>
                  </>
                ) : (
                  "No chair recorded"
                )}
                {" · "}
                {next ? (
                  <>
                    Next meeting: <MeetingLink m={next} />
                  </>
                ) : (
                  "No meeting scheduled"
                )}
              </p>
            </li>
          ))}
        </ul>
      </>,
    );
  });

  app.get("/committees/:slug", async (c) => {
    const store = c.get("store");
    const a = c.get("authority");
    const committee = await findCommittee(store, a.id, { slug: c.req.param("slug") });
    if (!committee) throw new MootError("not_found", "no such committee");
    const d = await committeeDetail(store, a.id, committee, c.get("viewer"), c.get("today"));
    const current = d.members.filter((m) => m.current);
    const former = d.members.filter((m) => !m.current);
    const today = c.get("today");
    // The forward plan: business for meetings still to come, and topics not yet given a date.
    const isForward = (w: CommitteeDetail["workProgramme"][number]) =>
      w.item.status !== "done" && w.item.status !== "dropped" && (!w.meeting || w.meeting.localDate >= today);
    const forward = d.workProgramme.filter(isForward);
    const earlier = d.workProgramme.filter((w) => !isForward(w)).reverse();
    return page(
      c,
      {
        title: committee.name,
        section: "committees",
        crumbs: [
          { href: "/", label: "Home" },
          { href: "/committees", label: "Committees" },
        ],
        feeds: [{ href: `/committees/${committee.slug}/calendar.ics`, type: "text/calendar", title: `${committee.name} meetings` }],
      },
      <>
        <h1>{committee.name}</h1>
        {committee.description && <p>{committee.description}</p>}
        <p>
          <a href={`/committees/${committee.slug}/calendar.ics`}>Add this committee's meetings to your calendar (iCal)</a>
          {" · "}
          <a href={`/alerts?committee=${committee.slug}`}>Get email alerts about this committee</a>
        </p>
        <h2>Members</h2>
        {current.length === 0 ? (
          <p>No current members recorded.</p>
        ) : (
          <table class="stack">
            <caption class="muted">Current members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Party or representing</th>
              </tr>
            </thead>
            <tbody>
              {current.map((m) => (
                <tr>
                  <td>
                    <a href={`/people/${m.person.slug}`}>
                      {m.person.honorific ? `${m.person.honorific} ` : ""}
                      {m.person.name}
                    </a>
                  </td>
                  <td>
                    {ROLE[m.membership.role]}
                    {m.membership.kind === "co-opted" && " (co-opted)"}
                  </td>
                  <td>
                    {m.membership.kind === "co-opted"
                      ? (m.membership.representing ?? m.membership.coOptedKind ?? "")
                      : (m.person.party ?? "")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {former.length > 0 && (
          <details>
            <summary>Former members ({former.length})</summary>
            <ul>
              {former.map((m) => (
                <li>
                  <a href={`/people/${m.person.slug}`}>{m.person.name}</a>, {ROLE[m.membership.role]}
                  {m.membership.fromDate && ` from ${shortDate(m.membership.fromDate)}`}
                  {m.membership.toDate && ` to ${shortDate(m.membership.toDate)}`}
                </li>
              ))}
            </ul>
          </details>
        )}
        <h2>Future meetings</h2>
        {d.upcoming.length === 0 ? (
          <p>None scheduled.</p>
        ) : (
          <ul class="plain">
            {d.upcoming.map((m) => (
              <li>
                <MeetingLink m={m} /> {m.status !== "scheduled" && <Tag kind={m.status}>{m.status}</Tag>}
              </li>
            ))}
          </ul>
        )}
        <h2>Past meetings</h2>
        {d.past.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ul class="plain">
            {d.past.map((m) => (
              <li>
                <MeetingLink m={m} /> {m.status !== "held" && m.status !== "scheduled" && <Tag kind={m.status}>{m.status}</Tag>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/calendar?view=list`}>Calendar of all meetings</a>
        </p>
        <h2 id="work-programme">Forward work programme</h2>
        {forward.length === 0 ? <p>Nothing planned yet.</p> : <WorkProgramme rows={forward} />}
        {earlier.length > 0 && (
          <details>
            <summary>Earlier items ({earlier.length})</summary>
            <WorkProgramme rows={earlier} />
          </details>
        )}
        <h2>Open actions</h2>
        {d.openActions.length === 0 ? (
          <p>No open actions.</p>
        ) : (
          <ul class="plain">
            {d.openActions.map((e) => (
              <li>
                {e.action.ref && <span class="num">{e.action.ref}</span>} {e.action.text}
                {e.action.ownerText && <span class="meta"> — {e.action.ownerText}</span>}
                {e.action.dueDate && <span class="meta">, due {shortDate(e.action.dueDate)}</span>}{" "}
                {e.overdue && <Tag kind="overdue">Overdue</Tag>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/actions?committee=${committee.slug}`}>All actions for this committee</a>
        </p>
        {d.upcoming[0]?.localTime && <p class="meta">Meetings usually start at {clockTime(d.upcoming[0].localTime)}.</p>}
      </>,
    );
  });
}

function WorkProgramme(props: { rows: CommitteeDetail["workProgramme"] }) {
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">Meeting</th>
          <th scope="col">Topic</th>
          <th scope="col">Lead</th>
          <th scope="col">Priority</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(({ item, meeting }) => (
          <tr>
            <td>
              {meeting ? <a href={`/meetings/${meeting.id}`}>{longDate(meeting.localDate)}</a> : (item.plannedText ?? "To be scheduled")}
            </td>
            <td>
              {item.topic}
              {item.reason && <div class="meta">{item.reason}</div>}
            </td>
            <td>{item.responsible ?? ""}</td>
            <td>{item.score !== null ? `${paperBand(item.score)} (${item.score}/6)` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
