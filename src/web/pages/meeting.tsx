import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { meetingDetail, type ItemEntry, type MeetingDetail } from "../../store/queries/meetings.js";
import { page } from "../views/render.js";
import { ExemptNotice, Prov, Tag, kindName } from "../views/components.js";
import { instantText, londonDateTime, meetingWhen } from "../views/format.js";
import { clerkDate } from "../../domain/time.js";
import { votesForMeeting, type VoteEntry } from "../../store/queries/votes.js";
import { Divisions } from "../views/votes.js";
import { CallIn } from "../views/call-in.js";
import { mattersOfDecisions } from "../../store/queries/matters.js";
import { INTEREST_LABELS } from "../../domain/declaration.js";

const DECISION_WORDS: Record<string, string> = { resolved: "Resolved", agreed: "Agreed", noted: "Noted", recommended: "Recommended" };

/** Downloads a resident expects: the agenda pack once the agenda is public, the minutes once they are. */
function Downloads(props: { d: MeetingDetail }) {
  const { d } = props;
  const agenda = d.items.length > 0;
  const minutes = d.minutes.length > 0;
  if (!agenda && !minutes) return null;
  const base = `/meetings/${d.meeting.id}`;
  return (
    <>
      <h2 id="downloads">Downloads</h2>
      <ul>
        {agenda && (
          <li>
            Agenda pack: <a href={`${base}/agenda-pack.pdf`}>PDF</a> or <a href={`${base}/agenda-pack.html`}>web page</a>
          </li>
        )}
        {minutes && (
          <li>
            {d.minutes.some((m) => m.minute.status === "draft") ? "Draft minutes" : "Minutes"}: <a href={`${base}/minutes.pdf`}>PDF</a> or{" "}
            <a href={`${base}/minutes.html`}>printable page</a>
          </li>
        )}
      </ul>
    </>
  );
}

const STATUS_WORDS: Record<string, string> = { present: "Present", apologies: "Apologies", absent: "Absent", substitute: "Substitute" };

export function registerMeeting(app: App) {
  app.get("/meetings/:id", async (c) => {
    const d = await meetingDetail(c.get("store"), c.get("authority").id, c.req.param("id"), c.get("viewer"));
    if (!d) throw new MootError("not_found", "no such meeting");
    const votes = await votesForMeeting(c.get("store"), c.get("authority").id, d.meeting.id, c.get("viewer"));
    const matters = await mattersOfDecisions(
      c.get("store"),
      c.get("authority").id,
      d.decisions.map((x) => x.decision.id),
      c.get("viewer"),
      c.get("today"),
    );
    const { meeting: m, committee } = d;
    const title = `${committee.name}, ${meetingWhen(m)}`;
    return page(
      c,
      {
        title,
        section: "committees",
        crumbs: [
          { href: "/", label: "Home" },
          { href: "/committees", label: "Committees" },
          { href: `/committees/${committee.slug}`, label: committee.name },
        ],
      },
      <>
        <h1>
          {committee.name}
          <span class="meta sub">
            {m.title ? `${m.title}, ` : ""}
            {meetingWhen(m)}
          </span>
        </h1>
        <dl class="meta-list">
          <dt>Status</dt>
          <dd>
            <Tag kind={m.status}>{m.status}</Tag>
            {m.statusNote && ` ${m.statusNote}`}
            {m.status === "adjourned" && m.adjournedToDate && (
              <> Adjourned to {meetingWhen({ localDate: m.adjournedToDate, localTime: m.adjournedToTime })}.</>
            )}
            {m.reconvenedOn && m.status !== "adjourned" && (
              <> Adjourned and reconvened on {meetingWhen({ localDate: m.reconvenedOn, localTime: null })}.</>
            )}
          </dd>
          {m.shortNoticeReason && (
            <>
              <dt>Called at short notice</dt>
              <dd>{m.shortNoticeReason}</dd>
            </>
          )}
          {m.venue && (
            <>
              <dt>Venue</dt>
              <dd>
                {m.venue}
                <Prov index={d.provenance} table="meeting" id={m.id} field="venue" />
              </dd>
            </>
          )}
          {m.contactOfficer && (
            <>
              <dt>Contact</dt>
              <dd>{m.contactOfficer}</dd>
            </>
          )}
          {m.agendaPublishedAt && (
            <>
              <dt>Agenda published</dt>
              <dd>{instantText(m.agendaPublishedAt)}</dd>
            </>
          )}
          {/* A link stored before links were limited to http(s) is still never made clickable. */}
          {m.webcastUrl && /^https?:\/\//i.test(m.webcastUrl) && (
            <>
              <dt>Webcast</dt>
              <dd>
                <a href={m.webcastUrl}>Watch the webcast</a>
              </dd>
            </>
          )}
        </dl>
        <Downloads d={d} />
        {d.documents.length > 0 && (
          <>
            <h2>Meeting papers</h2>
            <ul>
              {d.documents.map((e) =>
                e.withheld ? (
                  <li>
                    {e.document.title} <ExemptNotice w={e.withheld} />
                  </li>
                ) : (
                  <li>
                    <a href={`/documents/${e.document.id}`}>{e.document.title}</a>{" "}
                    <span class="meta">
                      ({kindName(e.document.kind)}, {e.document.pageCount} {e.document.pageCount === 1 ? "page" : "pages"})
                    </span>
                  </li>
                ),
              )}
            </ul>
          </>
        )}
        <h2 id="agenda">Agenda</h2>
        {d.items.length === 0 ? <p>No agenda published yet.</p> : <Agenda d={d} />}
        <Attendance d={d} />
        <Declarations d={d} />
        <Minutes d={d} votes={votes} today={c.get("today")} matters={matters} />
        <Decisions d={d} today={c.get("today")} matters={matters} />
      </>,
    );
  });

  app.get("/meetings/:id/items/:itemId", async (c) => {
    const d = await meetingDetail(c.get("store"), c.get("authority").id, c.req.param("id"), c.get("viewer"));
    const entry = d?.items.find((i) => i.item.id === c.req.param("itemId"));
    if (!d || !entry) throw new MootError("not_found", "no such agenda item");
    const decisions = d.decisions.filter((x) => x.decision.agendaItemId === entry.item.id);
    const minutes = d.minutes.filter((x) => x.minute.agendaItemId === entry.item.id);
    return page(
      c,
      {
        title: `Item ${entry.item.number}: ${entry.item.title}`,
        section: "committees",
        crumbs: [
          { href: "/", label: "Home" },
          { href: `/committees/${d.committee.slug}`, label: d.committee.name },
          { href: `/meetings/${d.meeting.id}`, label: meetingWhen(d.meeting) },
        ],
      },
      <>
        <h1>
          {entry.item.number}. {entry.item.title}
        </h1>
        <p class="meta">
          {d.committee.name}, {meetingWhen(d.meeting)}
        </p>
        <ItemBody d={d} e={entry} headings="h2" />
        {decisions.length > 0 && (
          <>
            <h2>Decisions</h2>
            {decisions.map((x) => (x.withheld ? <ExemptNotice w={x.withheld} /> : <p>{x.decision.text}</p>))}
          </>
        )}
        {minutes.length > 0 && (
          <>
            <h2>Minutes</h2>
            {asCorrected(minutes).map(({ x, earlier }) => (
              <div>
                <h3>
                  {x.minute.number} {x.minute.title}
                </h3>
                {x.withheld ? <ExemptNotice w={x.withheld} /> : <p class="pre">{x.minute.text}</p>}
                <Correction x={x} earlier={earlier} />
              </div>
            ))}
          </>
        )}
      </>,
    );
  });
}

function ItemBody(props: { d: MeetingDetail; e: ItemEntry; headings: "h2" | "h4" }) {
  const { d, e } = props;
  const H = props.headings;
  const i = e.item;
  return (
    <>
      {e.withheld && <ExemptNotice w={e.withheld} />}
      {i.description && (
        <p>
          {i.description}
          <Prov index={d.provenance} table="agenda_item" id={i.id} field="description" />
        </p>
      )}
      {i.urgencyReason && <p>Urgent item: {i.urgencyReason}</p>}
      {(i.toFollow || i.verbal) && <p class="meta">{i.verbal ? "Verbal report." : "Report to follow."}</p>}
      {d.pack && i.pageFrom !== null && (
        <p>
          <a href={`/documents/${d.pack.id}#printed-${i.pageFrom}`}>
            {i.pageTo && i.pageTo !== i.pageFrom ? `Pages ${i.pageFrom} to ${i.pageTo}` : `Page ${i.pageFrom}`} of the agenda pack
          </a>
        </p>
      )}
      {e.cover?.recommendations && (
        <div>
          <H>Recommendations</H>
          <p class="pre">{e.cover.recommendations}</p>
        </div>
      )}
      {e.documents.length > 0 && (
        <ul>
          {e.documents.map((x) =>
            x.withheld ? (
              <li>
                {x.document.title} <span class="meta">(not for publication)</span>
              </li>
            ) : (
              <li>
                <a href={`/documents/${x.document.id}`}>{x.document.title}</a>{" "}
                <span class="meta">
                  ({kindName(x.document.kind)}, {x.document.pageCount} {x.document.pageCount === 1 ? "page" : "pages"})
                </span>
              </li>
            ),
          )}
        </ul>
      )}
    </>
  );
}

function Agenda(props: { d: MeetingDetail }) {
  return (
    <ol class="agenda">
      {props.d.items.map((e) => (
        <li id={`item-${e.item.number}`}>
          <h3>
            <span class="num">{e.item.number}.</span>
            <a href={`/meetings/${props.d.meeting.id}/items/${e.item.id}`}>{e.item.title}</a>
          </h3>
          <ItemBody d={props.d} e={e} headings="h4" />
        </li>
      ))}
    </ol>
  );
}

function Attendance(props: { d: MeetingDetail }) {
  if (props.d.attendance.length === 0) return null;
  const groups = ["present", "substitute", "apologies", "absent"] as const;
  return (
    <>
      <h2 id="attendance">Attendance</h2>
      {groups.map((g) => {
        const rows = props.d.attendance.filter((a) => a.attendance.status === g);
        if (rows.length === 0) return null;
        return (
          <>
            <h3>{STATUS_WORDS[g]}</h3>
            <ul>
              {rows.map((a) => (
                <li>
                  <a href={`/people/${a.person.slug}`}>{a.person.name}</a>
                  {a.attendance.capacity !== "member" && <span class="meta"> ({a.attendance.capacity})</span>}
                  {a.substituteFor && <span> for {a.substituteFor.name}</span>}
                </li>
              ))}
            </ul>
          </>
        );
      })}
    </>
  );
}

function Declarations(props: { d: MeetingDetail }) {
  if (props.d.declarations.length === 0) return null;
  return (
    <>
      <h2 id="declarations">Declarations of interest</h2>
      <p class="meta">
        What each kind of interest means is explained in the <a href="/glossary#interests">glossary</a>.
      </p>
      <ul>
        {props.d.declarations.map((x) => (
          <li>
            <a href={`/people/${x.person.slug}`}>{x.person.name}</a>
            {x.item ? `, item ${x.item.number}` : x.declaration.itemAsPrinted ? `, ${x.declaration.itemAsPrinted}` : ""}:{" "}
            <a href={`/glossary#${x.declaration.type}`}>{INTEREST_LABELS[x.declaration.type]}</a>: {x.declaration.nature}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Decisions recorded without a minute to sit under (an import may carry them apart). */
function Decisions(props: {
  d: MeetingDetail;
  today: string;
  matters: Map<string, Array<{ id: string; reference: string; title: string }>>;
}) {
  const minuteIds = new Set(props.d.minutes.map((m) => m.minute.id));
  const loose = props.d.decisions.filter((x) => !x.decision.minuteId || !minuteIds.has(x.decision.minuteId));
  if (loose.length === 0) return null;
  return (
    <>
      <h2 id="decisions">{props.d.minutes.length ? "Other decisions" : "Decisions"}</h2>
      <ol>
        {loose.map((x) => (
          <li id={`decision-${x.decision.id}`}>
            {x.item && <strong>Item {x.item.number}: </strong>}
            {x.withheld ? <ExemptNotice w={x.withheld} /> : x.decision.text}
            <Prov index={props.d.provenance} table="decision" id={x.decision.id} field="text" />
            {!x.withheld && <CallIn d={x.decision} today={props.today} />}
            {(props.matters.get(x.decision.id) ?? []).map((m) => (
              <p class="meta">
                Matter <a href={`/matters/${m.id}`}>{m.reference}</a>: {m.title}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </>
  );
}

type MinuteEntry = MeetingDetail["minutes"][number];

/**
 * Each minute once, as it now stands: a corrected minute shows its latest version, and the
 * versions it replaced (newest first) go with it rather than beside it with the same number.
 */
function asCorrected(minutes: MinuteEntry[]): Array<{ x: MinuteEntry; earlier: MinuteEntry[] }> {
  const byId = new Map(minutes.map((m) => [m.minute.id, m]));
  const replaced = new Set(minutes.map((m) => m.minute.supersedesId).filter((id): id is string => !!id));
  return minutes
    .filter((m) => !replaced.has(m.minute.id))
    .map((x) => {
      const earlier: MinuteEntry[] = [];
      for (let id = x.minute.supersedesId; id; id = byId.get(id)?.minute.supersedesId ?? null) {
        const e = byId.get(id);
        if (!e) break;
        earlier.push(e);
      }
      return { x, earlier };
    });
}

/** "Corrected on 3 December 2026: reason", with the earlier wording one click away. */
function Correction(props: { x: MinuteEntry; earlier: MinuteEntry[] }) {
  const { x, earlier } = props;
  if (!x.minute.supersedesId || x.withheld) return null;
  return (
    <>
      <p class="meta">
        Corrected on {clerkDate(londonDateTime(new Date(x.minute.createdAt)).date)}
        {x.minute.correctionReason ? `: ${x.minute.correctionReason}` : ""}
      </p>
      {earlier.map((e) => (
        <details>
          <summary>Earlier version (version {e.minute.version})</summary>
          {e.withheld ? <ExemptNotice w={e.withheld} /> : <p class="pre">{e.minute.text}</p>}
        </details>
      ))}
    </>
  );
}

function Minutes(props: {
  d: MeetingDetail;
  votes: VoteEntry[];
  today: string;
  matters: Map<string, Array<{ id: string; reference: string; title: string }>>;
}) {
  if (props.d.minutes.length === 0) return null;
  return (
    <>
      <h2 id="minutes">Minutes</h2>
      {asCorrected(props.d.minutes).map(({ x, earlier }) => (
        <div class="minute" id={`minute-${x.minute.id}`}>
          <h3>
            {x.minute.number} {x.minute.title}
            {x.minute.status === "draft" && <span class="meta"> (draft)</span>}
          </h3>
          {x.withheld ? <ExemptNotice w={x.withheld} /> : <p class="pre">{x.minute.text}</p>}
          <Correction x={x} earlier={earlier} />
          {!x.withheld && <Divisions votes={props.votes} minuteId={x.minute.id} />}
          {props.d.decisions
            // Decisions stay with the minute they were recorded under, whichever version is shown.
            .filter((dx) => dx.decision.minuteId === x.minute.id || earlier.some((e) => e.minute.id === dx.decision.minuteId))
            .map((dx) => (
              <div class="decision" id={`decision-${dx.decision.id}`}>
                <strong>{DECISION_WORDS[dx.decision.kind]}:</strong> {dx.withheld ? <ExemptNotice w={dx.withheld} /> : dx.decision.text}
                <Prov index={props.d.provenance} table="decision" id={dx.decision.id} field="text" />
                {!dx.withheld && <CallIn d={dx.decision} today={props.today} />}
                {(props.matters.get(dx.decision.id) ?? []).map((m) => (
                  <p class="meta">
                    Matter <a href={`/matters/${m.id}`}>{m.reference}</a>: {m.title}
                  </p>
                ))}
              </div>
            ))}
        </div>
      ))}
    </>
  );
}
