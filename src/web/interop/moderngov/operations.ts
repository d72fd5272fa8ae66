import { ensureRefs, recordForRef } from "../../../store/queries/interop-refs.js";
import { membershipsOf } from "../../../store/queries/interop-members.js";
import { wardForPostcode } from "../../../store/queries/ward-postcodes.js";
import { normaliseWard } from "../../../domain/postcode.js";
import type { ServiceContext } from "./context.js";
import { councillorsByWardDocument, memberGroupDocument, wardListing } from "./councillors.js";
import { attachmentDocument, meetingDocument } from "./meeting-detail.js";
import { allMeetingsByDateDocument, committeesDocument, meetingsDocument, parseDate, ServiceError } from "./meetings.js";
import type { XmlElement } from "./xml.js";

type ParamType = "int" | "string" | "boolean";
export interface Operation {
  name: string;
  /** Hungarian-prefixed names as ModernGov's WSDL declares them; `required` ones must be sent. */
  params: Array<{ name: string; type: ParamType; required?: boolean }>;
  run(ctx: ServiceContext, args: Args): Promise<XmlElement>;
}

/** Parameters by lower-cased name (clients send `lmeetingid` as well as `lMeetingId`). */
export class Args {
  constructor(private readonly values: Map<string, string>) {}
  static from(entries: Iterable<[string, string]>): Args {
    return new Args(new Map([...entries].map(([k, v]) => [k.toLowerCase(), v])));
  }
  str(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }
  int(name: string, required = true): number {
    const v = this.str(name)?.trim();
    if (v === undefined || v === "") {
      if (required) throw new ServiceError(`Missing parameter: ${name}.`);
      return 0;
    }
    if (!/^-?\d{1,10}$/.test(v)) throw new ServiceError(`Cannot convert ${v} to System.Int32. Parameter name: ${name}`);
    return Number(v);
  }
  bool(name: string, fallback: boolean): boolean {
    const v = this.str(name)?.trim().toLowerCase();
    if (v === undefined || v === "") return fallback;
    if (v !== "true" && v !== "false") throw new ServiceError(`Cannot convert ${v} to System.Boolean. Parameter name: ${name}`);
    return v === "true";
  }
}

const notFound = (what: string): never => {
  throw new ServiceError(`${what} not found`, 404);
};

export const OPERATIONS: Operation[] = [
  {
    name: "GetCommittees",
    params: [{ name: "lDays", type: "int" }],
    run: (ctx) => committeesDocument(ctx),
  },
  {
    name: "GetCommitteesByUser",
    params: [{ name: "lUserId", type: "int", required: true }],
    async run(ctx, args) {
      await ensureRefs(ctx.store, ctx.authorityId, "person");
      const personId = await recordForRef(ctx.store, ctx.authorityId, "person", args.int("lUserId"));
      const memberships = personId ? await membershipsOf(ctx.store, ctx.authorityId, personId) : [];
      return committeesDocument(ctx, new Set(memberships.map((m) => m.committeeId)));
    },
  },
  {
    name: "GetMeetings",
    params: [
      { name: "lCommitteeId", type: "int", required: true },
      { name: "sFromDate", type: "string" },
      { name: "sToDate", type: "string" },
    ],
    run: (ctx, args) =>
      meetingsDocument(
        ctx,
        args.int("lCommitteeId"),
        parseDate(args.str("sFromDate"), "sFromDate"),
        parseDate(args.str("sToDate"), "sToDate"),
      ),
  },
  {
    name: "GetAllMeetingsByDate",
    params: [
      { name: "lCommitteeId", type: "int" },
      { name: "sFromDate", type: "string" },
      { name: "sToDate", type: "string" },
      { name: "bIsAscendingDateOrder", type: "boolean" },
    ],
    run: (ctx, args) =>
      allMeetingsByDateDocument(
        ctx,
        args.int("lCommitteeId", false),
        parseDate(args.str("sFromDate"), "sFromDate"),
        parseDate(args.str("sToDate"), "sToDate"),
        args.bool("bIsAscendingDateOrder", true),
      ),
  },
  {
    name: "GetMeeting",
    params: [{ name: "lMeetingId", type: "int", required: true }],
    run: async (ctx, args) => (await meetingDocument(ctx, args.int("lMeetingId"))) ?? notFound("Meeting"),
  },
  {
    name: "GetAttachment",
    params: [{ name: "lAttachmentId", type: "int", required: true }],
    run: async (ctx, args) => (await attachmentDocument(ctx, args.int("lAttachmentId"))) ?? notFound("Attachment"),
  },
  {
    name: "GetCouncillorsByWard",
    params: [],
    run: async (ctx) => councillorsByWardDocument(ctx, await wardListing(ctx)),
  },
  {
    name: "GetCouncillorsByWardId",
    params: [{ name: "lWardId", type: "int", required: true }],
    async run(ctx, args) {
      const id = args.int("lWardId");
      return councillorsByWardDocument(
        ctx,
        (await wardListing(ctx)).filter((w) => w.wardId === id),
      );
    },
  },
  {
    // Clients read it as GetCouncillorsByWard's shape; ModernGov answers a postcode it does not
    // know (or cannot read) with that shape's empty result, not an error.
    name: "GetCouncillorsByPostcode",
    params: [{ name: "sPostcode", type: "string", required: true }],
    async run(ctx, args) {
      const postcode = args.str("sPostcode");
      if (postcode === undefined) throw new ServiceError("Missing parameter: sPostcode.");
      const ward = await wardForPostcode(ctx.store, ctx.authorityId, postcode);
      const key = ward === undefined ? undefined : normaliseWard(ward);
      return councillorsByWardDocument(
        ctx,
        key === undefined ? [] : (await wardListing(ctx)).filter((w) => normaliseWard(w.title) === key),
      );
    },
  },
  {
    name: "GetMemberGroup",
    params: [
      { name: "sShortName", type: "string" },
      { name: "sOrder", type: "string" },
    ],
    run: async (ctx) => memberGroupDocument(ctx, await wardListing(ctx)),
  },
];

const BY_NAME = new Map(OPERATIONS.map((o) => [o.name.toLowerCase(), o]));
export const findOperation = (name: string): Operation | undefined => BY_NAME.get(name.toLowerCase());
