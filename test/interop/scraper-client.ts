import { DOMParser } from "@xmldom/xmldom";
import xpath from "xpath";

/**
 * A client written the way public scrapers read ModernGov (DemocracyClub's LGSF, councils'
 * widgets): fetch `mgWebService.asmx/{Operation}` by GET and read lowercase element names
 * with XPath, stripping the whitespace of "empty" elements. It knows nothing of Moot.
 */
export function scraperClient(fetchText: (path: string) => Promise<string>) {
  const load = async (path: string) => new DOMParser().parseFromString(await fetchText(path), "text/xml") as unknown as Node;
  const str = (expr: string, node: Node) => String(xpath.select(`string(${expr})`, node)).trim();
  const nodes = (expr: string, node: Node) => xpath.select(expr, node) as Node[];
  return {
    async committees() {
      const doc = await load("/mgWebService.asmx/GetCommittees");
      return nodes("//committee", doc).map((c) => ({
        id: Number(str("committeeid", c)),
        title: str("committeetitle", c),
        expired: str("committeeexpired", c) === "True",
      }));
    },
    async meetings(committeeId: number, from: string, to: string) {
      const doc = await load(`/mgWebService.asmx/GetMeetings?lCommitteeId=${committeeId}&sFromDate=${from}&sToDate=${to}`);
      return nodes("//committeemeetings/meeting", doc).map((m) => ({
        id: Number(str("meetingid", m)),
        date: str("meetingdate", m),
        status: str("meetingstatus", m),
      }));
    },
    async meeting(id: number) {
      const doc = await load(`/mgWebService.asmx/GetMeeting?lMeetingId=${id}`);
      return {
        location: str("/meeting/meetinglocation", doc),
        items: nodes("//agendaitems/agendaitem", doc).map((i) => ({
          title: str("agendaitemtitle", i),
          number: str("fulldisplaynumberformat", i),
          minutes: str("minutesnonemptyhtmlbody", i),
          documents: [...new Set(nodes("linkeddocuments/linkeddoc[isrestricted='False']", i).map((d) => str("url", d)))],
        })),
        attendees: nodes("//attendees/attendee", doc).map((a) => ({
          id: Number(str("@memberid", a)),
          name: str("@name", a),
          url: str("url", a),
        })),
      };
    },
    councillors: () => councillorsAt("/mgWebService.asmx/GetCouncillorsByWard"),
    /** "Who is my councillor?" widgets: the same shape, found by the resident's postcode. */
    councillorsByPostcode: (postcode: string) =>
      councillorsAt(`/mgWebService.asmx/GetCouncillorsByPostcode?sPostcode=${encodeURIComponent(postcode)}`),
  };
  async function councillorsAt(path: string) {
    const doc = await load(path);
    return nodes("//councillor", doc).map((c) => ({
      id: Number(str("councillorid", c)),
      name: str("fullusername", c),
      ward: str("ancestor::ward/wardtitle", c),
      party: str("politicalpartytitle", c),
      email: str("(.//email)[1]", c),
    }));
  }
}
