import { ensureNamedRefs, ensureRefs, refsFor } from "../../src/store/queries/interop-refs.js";
import type { Store } from "../../src/store/open.js";

/** Leak-test URLs for the interoperability routes, one per record the fixture numbers. */
export async function interopSamples(store: Store, authorityId: string, slug: string): Promise<Record<string, string[]>> {
  for (const k of ["committee", "meeting", "person", "agenda_item", "document", "decision"] as const)
    await ensureRefs(store, authorityId, k);
  await ensureNamedRefs(store, authorityId, "ward", []);
  const nos = async (k: Parameters<typeof refsFor>[2]) => [...(await refsFor(store, authorityId, k)).values()];
  const [committees, meetings, people, items, documents, decisions] = await Promise.all(
    (["committee", "meeting", "person", "agenda_item", "document", "decision"] as const).map(nos),
  );
  const ws = "/mgWebService.asmx";
  return {
    [ws]: [ws, `${ws}?WSDL`],
    [`${ws}/:operation`]: [
      `${ws}/GetCommittees`,
      `${ws}/GetCouncillorsByWard`,
      `${ws}/GetCouncillorsByWardId?lWardId=1`,
      `${ws}/GetCouncillorsByPostcode?sPostcode=ZZ9%209ZZ`,
      `${ws}/GetMemberGroup?sShortName=&sOrder=`,
      `${ws}/GetAllMeetingsByDate?lCommitteeId=0`,
      ...committees.map((c) => `${ws}/GetMeetings?lCommitteeId=${c}&sFromDate=01/01/2000&sToDate=31/12/2030`),
      ...meetings.map((m) => `${ws}/GetMeeting?lMeetingId=${m}`),
      ...documents.map((d) => `${ws}/GetAttachment?lAttachmentId=${d}`),
      ...people.map((p) => `${ws}/GetCommitteesByUser?lUserId=${p}`),
    ],
    "/ieListDocuments.aspx": meetings.map((m) => `/ieListDocuments.aspx?CId=1&MId=${m}`),
    "/mgUserInfo.aspx": people.map((p) => `/mgUserInfo.aspx?UID=${p}`),
    "/ieListMeetings.aspx": committees.map((c) => `/ieListMeetings.aspx?CId=${c}`),
    "/mgCommitteeDetails.aspx": committees.map((c) => `/mgCommitteeDetails.aspx?ID=${c}`),
    "/mgConvert2PDF.aspx": documents.map((d) => `/mgConvert2PDF.aspx?ID=${d}`),
    "/ieDecisionDetails.aspx": [
      ...decisions.map((d) => `/ieDecisionDetails.aspx?ID=${d}`),
      ...items.map((i) => `/ieDecisionDetails.aspx?AIId=${i}`),
    ],
    "/mgListCommittees.aspx": ["/mgListCommittees.aspx"],
    "/mgCalendarMonthView.aspx": ["/mgCalendarMonthView.aspx"],
    "/mgMemberIndex.aspx": ["/mgMemberIndex.aspx"],
    "/mgimages/:file": ["/mgimages/missingsmallmug.gif", "/mgimages/missingbigmug.gif"],
    ...(await oparlSamples(store, authorityId, slug)),
    // The archive is compressed, so the leak probe cannot read it; open-data.test.ts unzips it and checks.
    "/open-data": ["/open-data"],
    "/open-data/popolo.json": ["/open-data/popolo.json"],
    "/open-data/public-records.zip": ["/open-data/public-records.zip"],
  };
}

/** OParl: the system, body, every list (with and without modified_since) and every object. */
async function oparlSamples(store: Store, authorityId: string, slug: string): Promise<Record<string, string[]>> {
  const ids = async (t: "committee" | "person" | "membership" | "meeting" | "agenda_item" | "document") =>
    (
      await store.db
        .selectFrom(t as "meeting")
        .select("id")
        .where("authorityId", "=", authorityId)
        .execute()
    ).map((r) => r.id);
  const [committees, people, memberships, meetings, items, documents] = await Promise.all(
    (["committee", "person", "membership", "meeting", "agenda_item", "document"] as const).map(ids),
  );
  const lists = [
    "organizations",
    "people",
    "memberships",
    "meetings",
    "agenda-items",
    "papers",
    "consultations",
    "files",
    "locations",
    "legislative-terms",
  ];
  const o = "/oparl/v1";
  return {
    [o]: [o],
    [`${o}/bodies`]: [`${o}/bodies`],
    [`${o}/body/:body`]: [`${o}/body/${slug}`],
    [`${o}/body/:body/:list`]: lists.flatMap((l) => [
      `${o}/body/${slug}/${l}?limit=1000`,
      `${o}/body/${slug}/${l}?modified_since=2000-01-01T00:00:00Z&limit=1000`,
    ]),
    [`${o}/:kind/:id`]: [
      ...committees.map((id) => `${o}/organization/${id}`),
      ...people.map((id) => `${o}/person/${id}`),
      ...memberships.map((id) => `${o}/membership/${id}`),
      ...meetings.map((id) => `${o}/meeting/${id}`),
      ...items.map((id) => `${o}/agendaitem/${id}`),
      ...documents.flatMap((id) => [`${o}/file/${id}`, `${o}/paper/${id}`, `${o}/consultation/${id}`]),
      `${o}/legislativeterm/2025`,
    ],
  };
}
