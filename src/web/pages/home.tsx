import type { App } from "../context.js";
import { listMeetings } from "../../store/queries/meetings.js";
import { listDecisions } from "../../store/queries/decisions.js";
import { recentDocuments } from "../../store/queries/documents.js";
import { page } from "../views/render.js";
import { MeetingLink, kindName } from "../views/components.js";
import { instantText, shortDate } from "../views/format.js";

export function registerHome(app: App) {
  app.get("/", async (c) => {
    const store = c.get("store");
    const a = c.get("authority");
    const viewer = c.get("viewer");
    const [upcoming, decisions, papers] = await Promise.all([
      listMeetings(store, a.id, { from: c.get("today"), limit: 8 }),
      listDecisions(store, a.id, viewer, { limit: 6 }),
      recentDocuments(store, a.id, viewer, 8),
    ]);
    return page(
      c,
      {
        title: "Meetings, decisions and papers",
        section: "home",
        feeds: [{ href: "/feeds/meetings.atom", type: "application/atom+xml", title: "New meetings" }],
      },
      <>
        <h1>{a.name}: meetings, decisions and papers</h1>
        <form class="quick" action="/search" method="get" role="search">
          <label for="home-q">Search papers, minutes and decisions</label>
          <input id="home-q" name="q" type="search" />
          <button type="submit">Search</button>
        </form>
        <h2>Upcoming meetings</h2>
        {upcoming.items.length === 0 ? (
          <p>No meetings are scheduled.</p>
        ) : (
          <ul class="plain">
            {upcoming.items.map((m) => (
              <li>
                <MeetingLink m={m} /> — <a href={`/committees/${m.committee.slug}`}>{m.committee.name}</a>
                {m.status !== "scheduled" && <span class="meta"> ({m.status})</span>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/calendar">Full calendar</a>
        </p>
        <h2>Latest decisions</h2>
        {decisions.items.length === 0 ? (
          <p>No decisions recorded yet.</p>
        ) : (
          <ul class="plain">
            {decisions.items.map((d) => (
              <li>
                <a href={`/meetings/${d.decision.meetingId}#decision-${d.decision.id}`}>
                  {d.committee.name}, {shortDate(d.decision.decidedOn)}
                </a>
                {d.item && <span>: {d.item.title}</span>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/decisions">All decisions</a>
        </p>
        <h2>Recently published papers</h2>
        {papers.length === 0 ? (
          <p>No papers published yet.</p>
        ) : (
          <ul class="plain">
            {papers.map((p) => (
              <li>
                <a href={`/documents/${p.document.id}`}>{p.document.title}</a> <span class="meta">({kindName(p.document.kind)}</span>
                {p.committee && <span class="meta">, {p.committee.name}</span>}
                {p.document.publishedAt && <span class="meta">, published {instantText(p.document.publishedAt)}</span>}
                <span class="meta">)</span>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });
}
