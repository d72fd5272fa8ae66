import type { Context } from "hono";
import { deletedSince } from "../../../store/queries/interop-deleted.js";
import type { App, AppEnv } from "../../context.js";
import { originOf } from "../../feeds/origin.js";
import { publicRecords, type PublicRecords } from "../public-records.js";
import { buildObjects, DELETED_FROM, type Kind, KINDS, legislativeTerms, LISTS, type OParlObject, TYPE_NAME, typeUri } from "./objects.js";

export const OPARL_BASE = "/oparl/v1";
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

const built = new WeakMap<PublicRecords, Map<string, Map<Kind, Map<string, OParlObject>>>>();
function objectsOf(r: PublicRecords, base: string) {
  let byBase = built.get(r);
  if (!byBase) built.set(r, (byBase = new Map()));
  let objects = byBase.get(base);
  if (!objects) byBase.set(base, (objects = buildObjects(r, base)));
  return objects;
}

class BadRequest extends Error {}

/** An instant filter: any ISO 8601 date-time (with offset) or date, compared in UTC. */
function instantParam(url: URL, name: string): string | null {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return null;
  const t = Date.parse(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new BadRequest(`${name}: expected an ISO 8601 date-time, got "${v}"`);
  return new Date(t).toISOString();
}

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null || v === "") return fallback;
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw new BadRequest(`${name}: expected a whole number from 1, got "${v}"`);
  return Math.min(Number(v), max);
}

const deletedStub = (root: string, kind: Kind, d: { id: string; createdAt: string; deletedAt: string }): OParlObject => ({
  id: `${root}/${kind}/${d.id}`,
  type: typeUri(TYPE_NAME[kind]),
  created: d.createdAt,
  modified: d.deletedAt,
  deleted: true,
});

/**
 * An OParl list: `data`, `pagination`, `links`. created_since/until and modified_since/until
 * filter; with modified_since, objects deleted since then are listed too (`deleted: true`),
 * so a client that syncs by modified_since learns of deletions.
 */
async function list(c: Context<AppEnv>, objects: OParlObject[], kind: Kind | null, root: string) {
  const url = new URL(c.req.url);
  const createdSince = instantParam(url, "created_since");
  const createdUntil = instantParam(url, "created_until");
  const modifiedSince = instantParam(url, "modified_since");
  const modifiedUntil = instantParam(url, "modified_until");
  const limit = intParam(url, "limit", DEFAULT_LIMIT, MAX_LIMIT);
  const page = intParam(url, "page", 1, 10_000_000);
  let all = [...objects];
  if (kind && modifiedSince) {
    const gone = await deletedSince(c.get("store"), c.get("authority").id, DELETED_FROM[kind], modifiedSince);
    const live = new Set(all.map((o) => o.id));
    all.push(...gone.map((d) => deletedStub(root, kind, d)).filter((o) => !live.has(o.id)));
  }
  const inRange = (v: string | undefined, from: string | null, to: string | null) =>
    (!from || (!!v && v >= from)) && (!to || (!!v && v <= to));
  all = all
    .filter((o) => inRange(o.created, createdSince, createdUntil) && inRange(o.modified, modifiedSince, modifiedUntil))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const totalPages = Math.max(1, Math.ceil(all.length / limit));
  const link = (p: number) => {
    const u = new URL(url);
    u.searchParams.set("page", String(p));
    return u.toString();
  };
  return c.json({
    data: all.slice((page - 1) * limit, page * limit),
    pagination: { totalElements: all.length, elementsPerPage: limit, currentPage: page, totalPages },
    links: {
      first: link(1),
      ...(page > 1 ? { prev: link(Math.min(page - 1, totalPages)) } : {}),
      ...(page < totalPages ? { next: link(page + 1) } : {}),
      last: link(totalPages),
    },
  });
}

function bodyObject(r: PublicRecords, base: string): OParlObject {
  const root = `${base}${OPARL_BASE}`;
  const body = `${root}/body/${r.authority.slug}`;
  const lists = Object.fromEntries(
    (
      [
        ["organization", "organization"],
        ["person", "person"],
        ["meeting", "meeting"],
        ["paper", "paper"],
        ["agendaItem", "agendaitem"],
        ["consultation", "consultation"],
        ["file", "file"],
        ["locationList", "location"],
        ["legislativeTermList", "legislativeterm"],
        ["membership", "membership"],
      ] as Array<[string, Kind]>
    ).map(([field, kind]) => [field, `${body}/${LISTS[kind]}`]),
  );
  return {
    id: body,
    type: typeUri("Body"),
    system: root,
    name: r.authority.name,
    shortName: r.authority.slug,
    ...(r.authority.website ? { website: r.authority.website } : {}),
    ...lists,
    legislativeTerm: legislativeTerms(r, body, root),
    classification: "local authority",
    web: `${base}/`,
    created: r.authority.createdAt,
    modified: r.lastModified ?? r.authority.updatedAt,
  };
}

/** OParl 1.1 at /oparl/v1, always as the public sees it (it is a public open-data feed). */
export function mountOParl(app: App): void {
  const handle =
    (fn: (c: Context<AppEnv>, r: PublicRecords, base: string) => Promise<Response> | Response) => async (c: Context<AppEnv>) => {
      try {
        const base = originOf(c);
        return await fn(c, await publicRecords(c.get("store"), c.get("authority")), base);
      } catch (e) {
        if (e instanceof BadRequest) return c.json({ error: e.message }, 400);
        throw e;
      }
    };
  const notFound = (c: Context<AppEnv>) => c.json({ error: "There is no OParl object at this address." }, 404);

  app.get(
    OPARL_BASE,
    handle((c, r, base) =>
      c.json({
        id: `${base}${OPARL_BASE}`,
        type: typeUri("System"),
        oparlVersion: "https://schema.oparl.org/1.1/",
        body: `${base}${OPARL_BASE}/bodies`,
        name: `Moot: ${r.authority.name}`,
        website: `${base}/`,
        created: r.authority.createdAt,
        modified: r.lastModified ?? r.authority.updatedAt,
      }),
    ),
  );
  app.get(
    `${OPARL_BASE}/bodies`,
    handle((c, r, base) => list(c, [bodyObject(r, base)], null, `${base}${OPARL_BASE}`)),
  );
  app.get(
    `${OPARL_BASE}/body/:body`,
    handle((c, r, base) => (c.req.param("body") === r.authority.slug ? c.json(bodyObject(r, base)) : notFound(c))),
  );
  app.get(
    `${OPARL_BASE}/body/:body/:list`,
    handle((c, r, base) => {
      const kind = KINDS.find((k) => LISTS[k] === c.req.param("list"));
      if (c.req.param("body") !== r.authority.slug || !kind) return notFound(c);
      return list(c, [...objectsOf(r, base).get(kind)!.values()], kind, `${base}${OPARL_BASE}`);
    }),
  );
  app.get(
    `${OPARL_BASE}/:kind/:id`,
    handle(async (c, r, base) => {
      const kind = KINDS.find((k) => k === c.req.param("kind"));
      if (!kind) return notFound(c);
      const found = objectsOf(r, base)
        .get(kind)!
        .get(c.req.param("id") ?? "");
      if (found) return c.json(found);
      // A deleted object still answers (OParl: 200 with deleted: true).
      const gone = (await deletedSince(c.get("store"), c.get("authority").id, DELETED_FROM[kind], null)).find(
        (d) => d.id === c.req.param("id"),
      );
      return gone ? c.json(deletedStub(`${base}${OPARL_BASE}`, kind, gone)) : notFound(c);
    }),
  );
}
