import type { Context, MiddlewareHandler } from "hono";
import { XMLParser } from "fast-xml-parser";
import { linkTarget } from "../../../store/queries/interop-links.js";
import type { App, AppEnv } from "../../context.js";
import { originOf } from "../../feeds/origin.js";
import type { ServiceContext } from "./context.js";
import { ServiceError } from "./meetings.js";
import { Args, findOperation, OPERATIONS } from "./operations.js";
import { escapeText, writeDocument, writeElement, XML_DECLARATION } from "./xml.js";
import { NAMESPACE, wsdl } from "./wsdl.js";

export const SERVICE_PATH = "/mgWebService.asmx";
/** A 1×1 transparent GIF. */
const PLACEHOLDER_GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const XML = "text/xml; charset=utf-8";

const contextOf = (c: Context<AppEnv>): ServiceContext => ({
  store: c.get("store"),
  authorityId: c.get("authority").id,
  viewer: c.get("viewer"),
  base: originOf(c),
  today: c.get("today"),
});

async function runGetOrPost(c: Context<AppEnv>, name: string, args: Args) {
  const op = findOperation(name);
  if (!op) return c.text(`${name} Web Service method name is not valid.`, 404);
  try {
    return c.body(writeDocument(await op.run(contextOf(c), args)), 200, { "Content-Type": XML });
  } catch (e) {
    if (e instanceof ServiceError) return c.text(e.message, e.status);
    throw e;
  }
}

const soapParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, trimValues: true });

function soapEnvelope(body: string): string {
  return `${XML_DECLARATION}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}
const soapFault = (code: "Client" | "Server", message: string) =>
  soapEnvelope(`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeText(message)}</faultstring></soap:Fault>`);

/** SOAP 1.1: the operation named by SOAPAction (or the body's element), its result inside the envelope. */
async function runSoap(c: Context<AppEnv>) {
  let body: Record<string, unknown>;
  try {
    const doc = soapParser.parse(await c.req.text()) as { Envelope?: { Body?: Record<string, unknown> } };
    body = doc.Envelope?.Body ?? {};
    if (!doc.Envelope) throw new Error("no soap:Envelope");
  } catch (e) {
    return c.body(soapFault("Client", `The request is not a SOAP 1.1 envelope: ${(e as Error).message}`), 500, { "Content-Type": XML });
  }
  const action = (c.req.header("SOAPAction") ?? "").replace(/^"|"$/g, "");
  const name = action.startsWith(`${NAMESPACE}/`) ? action.slice(NAMESPACE.length + 1) : Object.keys(body)[0];
  const op = name ? findOperation(name) : undefined;
  if (!op)
    return c.body(soapFault("Client", `Server did not recognize the value of HTTP Header SOAPAction: ${action}.`), 500, {
      "Content-Type": XML,
    });
  const raw = body[op.name] ?? Object.entries(body).find(([k]) => k.toLowerCase() === op.name.toLowerCase())?.[1];
  const params =
    raw && typeof raw === "object"
      ? Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, String(v)] as [string, string])
      : [];
  try {
    const payload = await op.run(contextOf(c), Args.from(params));
    // The payload root resets the default namespace, as ASMX writes an XmlNode result.
    const root = writeElement({ ...payload, attrs: [["xmlns", ""], ...(payload.attrs ?? [])] });
    return c.body(
      soapEnvelope(`<${op.name}Response xmlns="${NAMESPACE}"><${op.name}Result>${root}</${op.name}Result></${op.name}Response>`),
      200,
      { "Content-Type": XML },
    );
  } catch (e) {
    if (e instanceof ServiceError) return c.body(soapFault("Client", e.message), 500, { "Content-Type": XML });
    throw e;
  }
}

/** Old ModernGov page links, answered with a permanent redirect to the same record's Moot page. */
function redirects(app: App) {
  const param = (c: Context<AppEnv>, ...names: string[]): number => {
    const q = new URL(c.req.url).searchParams;
    for (const [k, v] of q) if (names.includes(k.toLowerCase()) && /^\d{1,10}$/.test(v)) return Number(v);
    return Number.NaN;
  };
  const go = async (
    c: Context<AppEnv>,
    kind: Parameters<typeof linkTarget>[2],
    no: number,
    to: (t: NonNullable<Awaited<ReturnType<typeof linkTarget>>>) => string,
  ) => {
    const t = Number.isNaN(no) ? undefined : await linkTarget(c.get("store"), c.get("authority").id, kind, no);
    if (!t) return c.text("There is no record at this address.", 404);
    return c.redirect(to(t), 301);
  };
  app.get("/ieListDocuments.aspx", (c) => go(c, "meeting", param(c, "mid"), (t) => `/meetings/${t.id}`));
  app.get("/mgUserInfo.aspx", (c) => go(c, "person", param(c, "uid"), (t) => `/people/${t.slug}`));
  app.get("/ieListMeetings.aspx", (c) => go(c, "committee", param(c, "cid"), (t) => `/committees/${t.slug}`));
  app.get("/mgCommitteeDetails.aspx", (c) => go(c, "committee", param(c, "id"), (t) => `/committees/${t.slug}`));
  app.get("/mgConvert2PDF.aspx", (c) => go(c, "document", param(c, "id"), (t) => t.sourceUrl ?? `/documents/${t.id}/original`));
  app.get("/ieDecisionDetails.aspx", (c) => {
    const ai = param(c, "aiid");
    if (!Number.isNaN(ai)) return go(c, "agenda_item", ai, (t) => `/meetings/${t.meetingId}/items/${t.id}`);
    return go(c, "decision", param(c, "id"), (t) => `/meetings/${t.meetingId}#decision-${t.id}`);
  });
  // The placeholder photos GetCouncillorsByWard names for members without one (clients fetch them).
  app.get("/mgimages/:file", (c) =>
    /^missing(small|big)mug\.gif$/i.test(c.req.param("file"))
      ? c.body(new Uint8Array(PLACEHOLDER_GIF), 200, { "Content-Type": "image/gif", "Cache-Control": "public, max-age=86400" })
      : c.text("There is no image at this address.", 404),
  );
  app.get("/mgListCommittees.aspx", (c) => c.redirect("/committees", 301));
  app.get("/mgCalendarMonthView.aspx", (c) => c.redirect("/calendar", 301));
  app.get("/mgMemberIndex.aspx", (c) => c.redirect("/people", 301));
}

/** The ModernGov-compatible read service (GET, POST form, SOAP 1.1, WSDL) and old page links. */
export function mountModernGov(app: App): void {
  app.get(SERVICE_PATH, (c) => {
    const url = new URL(c.req.url);
    if ([...url.searchParams.keys()].some((k) => k.toLowerCase() === "wsdl"))
      return c.body(wsdl(`${originOf(c)}${SERVICE_PATH}`), 200, { "Content-Type": XML });
    return c.text(`mgWebService operations:\n${OPERATIONS.map((o) => `  ${SERVICE_PATH}/${o.name}`).join("\n")}\n`);
  });
  app.get(`${SERVICE_PATH}/:operation`, (c) =>
    runGetOrPost(c, c.req.param("operation"), Args.from(new URL(c.req.url).searchParams.entries())),
  );
  redirects(app);
}

/**
 * SOAP and form POSTs to the service read and never change anything, and machine clients
 * carry no form token; so they are answered here, before the session and CSRF middleware,
 * always as the public.
 */
export function modernGovPosts(): MiddlewareHandler<AppEnv> {
  return async function modernGovPosts(c, next) {
    if (c.req.method !== "POST") return next();
    const path = new URL(c.req.url).pathname;
    if (path.toLowerCase() === SERVICE_PATH.toLowerCase()) return runSoap(c);
    if (path.toLowerCase().startsWith(`${SERVICE_PATH.toLowerCase()}/`)) {
      const form = await c.req.parseBody();
      const args = Args.from(Object.entries(form).map(([k, v]) => [k, String(v)] as [string, string]));
      return runGetOrPost(c, path.slice(SERVICE_PATH.length + 1), args);
    }
    return next();
  };
}
