import { Hono } from "hono";
import type { Store } from "../store/open.js";
import { listAuthorities } from "../store/authorities.js";

/** Placeholder public site: committees and meetings from the store (issue 4 replaces it). */
export function createApp(store: Store) {
  const app = new Hono();
  app.get("/", async (c) => {
    const authorities = await listAuthorities(store);
    const committees = await store.db.selectFrom("committee").select(["id", "name", "authorityId"]).orderBy("name").execute();
    const meetings = await store.db
      .selectFrom("meeting")
      .select(["id", "committeeId", "localDate", "localTime", "status"])
      .orderBy("startsAt", "desc")
      .limit(200)
      .execute();
    return c.html(
      <html lang="en-GB">
        <head><meta charset="utf-8" /><title>Moot</title></head>
        <body>
          <main>
            <h1>{authorities.map((a) => a.name).join(", ") || "Moot"}</h1>
            {committees.map((cm) => (
              <section>
                <h2>{cm.name}</h2>
                <ul>
                  {meetings.filter((m) => m.committeeId === cm.id).map((m) => <li>{m.localDate} {m.localTime ?? ""} ({m.status})</li>)}
                </ul>
              </section>
            ))}
          </main>
        </body>
      </html>,
    );
  });
  return app;
}
