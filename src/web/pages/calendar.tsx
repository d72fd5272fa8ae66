import { z } from "zod";
import type { App } from "../context.js";
import { listMeetings, type MeetingSummary } from "../../store/queries/meetings.js";
import { page } from "../views/render.js";
import { addMonths, clockTime, lastDayOfMonth, longDate, monthName } from "../views/format.js";
import { parseQuery } from "../http/input.js";
import { Tag } from "../views/components.js";

const Query = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected a month as YYYY-MM")
    .optional(),
  view: z.enum(["month", "list"]).default("month"),
});

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export function registerCalendar(app: App) {
  app.get("/calendar", async (c) => {
    const q = parseQuery(c, Query);
    const month = q.month ?? c.get("today").slice(0, 7);
    const from = `${month}-01`;
    const to = lastDayOfMonth(month);
    const meetings = await listMeetings(c.get("store"), c.get("authority").id, { from, to, limit: 1000 });
    const other = q.view === "month" ? "list" : "month";
    return page(
      c,
      { title: `Calendar: ${monthName(month)}`, section: "calendar", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Meetings in {monthName(month)}</h1>
        <nav class="pager" aria-label="Months">
          <a href={`/calendar?month=${addMonths(month, -1)}&view=${q.view}`}>Previous month</a>
          <a href={`/calendar?month=${addMonths(month, 1)}&view=${q.view}`}>Next month</a>
          <a href={`/calendar?month=${month}&view=${other}`}>Show as {other === "list" ? "a list" : "a month grid"}</a>
          <a href="/calendar.ics">Subscribe (iCal)</a>
        </nav>
        {q.view === "list" ? <MeetingList meetings={meetings.items} /> : <MonthGrid month={month} meetings={meetings.items} />}
      </>,
    );
  });
}

function MeetingList(props: { meetings: MeetingSummary[] }) {
  if (props.meetings.length === 0) return <p>No meetings this month.</p>;
  return (
    <table class="stack">
      <caption class="muted">Meetings, in date order</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Time</th>
          <th scope="col">Committee</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.meetings.map((m) => (
          <tr>
            <td>
              <a href={`/meetings/${m.id}`}>{longDate(m.localDate)}</a>
            </td>
            <td>{clockTime(m.localTime)}</td>
            <td>{m.committee.name}</td>
            <td>{m.status === "scheduled" || m.status === "held" ? m.status : <Tag kind={m.status}>{m.status}</Tag>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MonthGrid(props: { month: string; meetings: MeetingSummary[] }) {
  const first = new Date(`${props.month}-01T00:00:00Z`);
  const lead = (first.getUTCDay() + 6) % 7; // Monday-first weeks, as British calendars print them
  const days = Number(lastDayOfMonth(props.month).slice(8));
  const cells: Array<number | null> = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  return (
    <table class="cal">
      <caption class="muted">Month view; each day lists its meetings</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((d) => (
            <th scope="col" abbr={d}>
              {d.slice(0, 3)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr>
            {week.map((day) => {
              if (day === null) return <td class="empty"></td>;
              const iso = `${props.month}-${String(day).padStart(2, "0")}`;
              const todays = props.meetings.filter((m) => m.localDate === iso);
              return (
                <td class={todays.length ? undefined : "none"}>
                  <time datetime={iso}>{day}</time>
                  {todays.length > 0 && (
                    <ul class="plain">
                      {todays.map((m) => (
                        <li>
                          <a href={`/meetings/${m.id}`}>
                            {clockTime(m.localTime)} {m.committee.name}
                          </a>
                          {m.status !== "scheduled" && m.status !== "held" && (
                            <>
                              {" "}
                              <Tag kind={m.status}>{m.status}</Tag>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
