import { Feed } from "feed";
import type { Context } from "hono";
import { z } from "zod";
import type { App, AppEnv } from "../context.js";
import { MootError } from "../../domain/errors.js";
import { recentlyAddedMeetings } from "../../store/queries/meetings.js";
import { recentDocuments } from "../../store/queries/documents.js";
import { listDecisions } from "../../store/queries/decisions.js";
import { kindName } from "../views/components.js";
import { meetingWhen, shortDate } from "../views/format.js";
import { originOf } from "./origin.js";

interface Entry {
  id: string;
  title: string;
  link: string;
  date: Date;
  description: string;
}

const FEEDS = {
  meetings: "New meetings",
  papers: "Published papers",
  decisions: "Decisions",
} as const;
type FeedName = keyof typeof FEEDS;

async function entries(c: Context<AppEnv>, name: FeedName, origin: string): Promise<Entry[]> {
  const store = c.get("store");
  const a = c.get("authority");
  if (name === "meetings") {
    return (await recentlyAddedMeetings(store, a.id, 30)).map((m) => ({
      id: `${origin}/meetings/${m.id}`,
      title: `${m.committee.name}, ${meetingWhen(m)}`,
      link: `${origin}/meetings/${m.id}`,
      date: new Date(m.createdAt),
      description: [m.title, m.venue, m.status !== "scheduled" ? m.status : null].filter(Boolean).join(" · ") || m.committee.name,
    }));
  }
  if (name === "papers") {
    return (await recentDocuments(store, a.id, c.get("viewer"), 30)).map((p) => ({
      id: `${origin}/documents/${p.document.id}`,
      title: p.document.title,
      link: `${origin}/documents/${p.document.id}`,
      date: new Date(p.document.publishedAt ?? p.document.createdAt),
      description: `${kindName(p.document.kind)}${p.committee && p.meeting ? `, ${p.committee.name}, ${meetingWhen(p.meeting)}` : ""}`,
    }));
  }
  return (await listDecisions(store, a.id, c.get("viewer"), { limit: 30 })).items.map((d) => ({
    id: `${origin}/meetings/${d.decision.meetingId}#decision-${d.decision.id}`,
    title: `${d.committee.name}, ${shortDate(d.decision.decidedOn)}${d.item ? `: ${d.item.title}` : ""}`,
    link: `${origin}/meetings/${d.decision.meetingId}#decision-${d.decision.id}`,
    date: new Date(`${d.decision.decidedOn}T12:00:00Z`),
    description: d.decision.text,
  }));
}

/** Text as HTML that shows exactly that text. */
const asHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const Params = z.object({ name: z.enum(["meetings", "papers", "decisions"]), format: z.enum(["atom", "rss"]) });

export function registerSyndication(app: App) {
  app.get("/feeds/:file{[a-z]+\\.(atom|rss)}", async (c) => {
    const [name, format] = c.req.param("file").split(".");
    const p = Params.safeParse({ name, format });
    if (!p.success) throw new MootError("not_found", "no such feed");
    const origin = originOf(c);
    const a = c.get("authority");
    const items = await entries(c, p.data.name, origin);
    const feed = new Feed({
      title: `${a.name}: ${FEEDS[p.data.name]}`,
      id: `${origin}/feeds/${p.data.name}`,
      link: `${origin}/`,
      language: "en-GB",
      copyright: a.name,
      updated: items.reduce((max, i) => (i.date > max ? i.date : max), new Date(0)),
      feedLinks: { atom: `${origin}/feeds/${p.data.name}.atom`, rss: `${origin}/feeds/${p.data.name}.rss` },
    });
    // The feed library sends titles and descriptions as type="html": editor text is escaped so
    // a title with "<script>" reaches feed readers as the words typed, never as markup.
    for (const i of items)
      feed.addItem({ title: asHtml(i.title), id: i.id, link: i.link, date: i.date, description: asHtml(i.description) });
    return p.data.format === "atom"
      ? c.body(feed.atom1(), 200, { "Content-Type": "application/atom+xml; charset=utf-8" })
      : c.body(feed.rss2(), 200, { "Content-Type": "application/rss+xml; charset=utf-8" });
  });
}
