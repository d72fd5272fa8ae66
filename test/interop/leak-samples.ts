import { ensureNamedRefs, ensureRefs, refsFor } from "../../src/store/queries/interop-refs.js";
import type { Store } from "../../src/store/open.js";

/** Leak-test URLs for the interoperability routes, one per record the fixture numbers. */
export async function interopSamples(store: Store, authorityId: string): Promise<Record<string, string[]>> {
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
  };
}
