import type { App } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { findPerson, listPeople, personDetail } from "../../store/queries/people.js";
import { votingRecord } from "../../store/queries/votes.js";
import { VotingRecord } from "../views/votes.js";
import { page } from "../views/render.js";
import { shortDate } from "../views/format.js";
import { DPI_CATEGORY_LABELS } from "../../domain/interest.js";

const CLASS_LABEL = {
  dpi: "Disclosable pecuniary interests",
  ori: "Other registrable interests",
  nri: "Non-registrable interests",
} as const;

export function registerPeople(app: App) {
  app.get("/people", async (c) => {
    const people = await listPeople(c.get("store"), c.get("authority").id);
    return page(
      c,
      { title: "People", section: "people", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Councillors and others</h1>
        <ul class="plain">
          {people.items.map((p) => (
            <li>
              <a href={`/people/${p.slug}`}>{p.name}</a>
              <span class="meta">
                {p.party ? `, ${p.party}` : ""}
                {p.ward ? `, ${p.ward}` : ""}
              </span>
            </li>
          ))}
        </ul>
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
          <table>
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
                : {x.declaration.nature} <span class="meta">({x.declaration.type.toUpperCase()})</span>
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });
}
