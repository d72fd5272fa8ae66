import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { findPerson, listPeople, personDetail } from "../../store/queries/people.js";
import { votingRecord } from "../../store/queries/votes.js";
import { VotingRecord } from "../views/votes.js";
import { page } from "../views/render.js";
import { shortDate } from "../views/format.js";
import { DPI_CATEGORY_LABELS } from "../../domain/interest.js";
import { INTEREST_LABELS } from "../../domain/declaration.js";

const CLASS_LABEL = {
  dpi: "Disclosable pecuniary interests",
  ori: "Other registrable interests",
  nri: "Non-registrable interests",
} as const;

export function registerPeople(app: App) {
  app.get("/people", async (c) => {
    const people = (await listPeople(c.get("store"), c.get("authority").id)).items.sort(bySurname);
    const by = c.req.query("by") === "party" ? "party" : "ward";
    const councillors = people.filter((p) => p.kind === "councillor");
    const groups = groupBy(
      councillors,
      (p) => (by === "ward" ? p.ward : p.party) ?? (by === "ward" ? "Ward not recorded" : "No party recorded"),
    );
    const coOpted = people.filter((p) => p.kind === "co-opted" || p.kind === "external");
    const officers = people.filter((p) => p.kind === "officer");
    return page(
      c,
      { title: "People", section: "people", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Councillors and officers</h1>
        <p>
          <a href="#councillors">Councillors</a> ({councillors.length}) ·{" "}
          {coOpted.length > 0 && (
            <>
              <a href="#co-opted">Co-opted members</a> ({coOpted.length}) ·{" "}
            </>
          )}
          <a href="#officers">Officers</a> ({officers.length})
        </p>
        <h2 id="councillors">Councillors by {by}</h2>
        <p>
          {by === "ward" ? (
            <a href="/people?by=party#councillors">List councillors by party instead</a>
          ) : (
            <a href="/people?by=ward#councillors">List councillors by ward instead</a>
          )}
        </p>
        {groups.map(([group, members]) => (
          <section aria-labelledby={`group-${slugOf(group)}`}>
            <h3 id={`group-${slugOf(group)}`}>{group}</h3>
            <ul class="plain">
              {members.map((p) => (
                <li>
                  <a href={`/people/${p.slug}`}>{p.name}</a>
                  <span class="meta">{by === "ward" ? (p.party ? `, ${p.party}` : "") : p.ward ? `, ${p.ward}` : ""}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {coOpted.length > 0 && (
          <>
            <h2 id="co-opted">Co-opted members</h2>
            <ul class="plain">
              {coOpted.map((p) => (
                <li>
                  <a href={`/people/${p.slug}`}>{[p.honorific, p.name].filter(Boolean).join(" ")}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        <h2 id="officers">Officers</h2>
        {officers.length === 0 ? (
          <p>No officers recorded.</p>
        ) : (
          <ul class="plain">
            {officers.map((p) => (
              <li>
                <a href={`/people/${p.slug}`}>{p.name}</a>
                <span class="meta">{p.post ? `, ${p.post}` : ""}</span>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  app.get("/people/:slug", async (c) => {
    const store = c.get("store");
    const a = c.get("authority");
    const person = await findPerson(store, a.id, { slug: c.req.param("slug") });
    if (!person) throw new MootError("not_found", "no such person");
    const d = await personDetail(store, a.id, person, c.get("viewer"), c.get("today"));
    const record = await votingRecord(store, a.id, person.id, c.get("viewer"));
    return page(
      c,
      {
        title: person.name,
        section: "people",
        crumbs: [
          { href: "/", label: "Home" },
          { href: "/people", label: "People" },
        ],
      },
      <>
        <h1>
          {person.honorific ? `${person.honorific} ` : ""}
          {person.name}
        </h1>
        <p class="meta">{[person.party, person.ward && `${person.ward} ward`, person.post].filter(Boolean).join(", ")}</p>
        <p>
          <a href={`/alerts?person=${person.slug}`}>Get email alerts about {person.name}</a>
        </p>
        <h2>Committee memberships</h2>
        {d.memberships.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ul>
            {d.memberships.map((m) => (
              <li>
                <a href={`/committees/${m.committee.slug}`}>{m.committee.name}</a>, {m.membership.role}
                {m.membership.kind === "co-opted" && " (co-opted)"}
                {m.membership.fromDate && ` from ${shortDate(m.membership.fromDate)}`}
                {m.membership.toDate && ` to ${shortDate(m.membership.toDate)}`}
              </li>
            ))}
          </ul>
        )}
        <h2>Attendance</h2>
        {d.attendanceSummary.length === 0 ? (
          <p>No attendance recorded.</p>
        ) : (
          <table class="stack">
            <caption class="muted">Meetings attended as a member (a substitute appearance counts as attended)</caption>
            <thead>
              <tr>
                <th scope="col">Committee</th>
                <th scope="col">Expected</th>
                <th scope="col">Attended</th>
                <th scope="col">Percentage</th>
              </tr>
            </thead>
            <tbody>
              {d.attendanceSummary.map((s) => (
                <tr>
                  <td>{s.committee.name}</td>
                  <td>{s.expected}</td>
                  <td>{s.present}</td>
                  <td>{s.percent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.attendance.length > 0 && (
          <details>
            <summary>Every meeting ({d.attendance.length})</summary>
            <ul>
              {d.attendance.map((x) => (
                <li>
                  <a href={`/meetings/${x.meeting.id}`}>
                    {x.committee.name}, {shortDate(x.meeting.localDate)}
                  </a>
                  : {x.attendance.status}
                </li>
              ))}
            </ul>
          </details>
        )}
        {d.interests.length > 0 && (
          <>
            <h2>Register of interests</h2>
            {(["dpi", "ori", "nri"] as const).map((cls) => {
              const rows = d.interests.filter((i) => i.interestClass === cls);
              return rows.length === 0 ? null : (
                <>
                  <h3>{CLASS_LABEL[cls]}</h3>
                  <ul>
                    {rows.map((i) => (
                      <li>
                        {i.category && <strong>{DPI_CATEGORY_LABELS[i.category]}: </strong>}
                        {i.description}
                        {i.holder === "partner" && " (spouse or partner)"}
                        <span class="meta"> — registered {shortDate(i.registeredOn)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              );
            })}
          </>
        )}
        <VotingRecord record={record} />
        <h2>Declarations of interest</h2>
        {d.declarations.length === 0 ? (
          <p>None recorded.</p>
        ) : (
          <ul>
            {d.declarations.map((x) => (
              <li>
                <a href={`/meetings/${x.meeting.id}#declarations`}>
                  {x.committee.name}, {shortDate(x.meeting.localDate)}
                </a>
                : {x.declaration.nature}{" "}
                <span class="meta">
                  (<a href={`/glossary#${x.declaration.type}`}>{INTEREST_LABELS[x.declaration.type]}</a>)
                </span>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });
}

/** Surname first, as council lists sort ("Hebden Lloyd" files under L, with the last word). */
function bySurname(a: { name: string }, b: { name: string }): number {
  const key = (n: string) => {
    const words = n.trim().split(/\s+/);
    return `${words[words.length - 1]} ${words.slice(0, -1).join(" ")}`;
  };
  return key(a.name).localeCompare(key(b.name), "en-GB");
}

function groupBy<T>(xs: T[], key: (x: T) => string): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return [...m].sort(([a], [b]) => a.localeCompare(b, "en-GB"));
}

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
