import type { ContactAddress } from "../../../domain/person-profile.js";
import { ensureNamedRefs, ensureRefs, refsFor } from "../../../store/queries/interop-refs.js";
import { councillorsWithProfiles, type MemberWithProfile } from "../../../store/queries/interop-members.js";
import { counter, dmy, el, parent, type XmlElement } from "./xml.js";
import type { ServiceContext } from "./context.js";

const ADDRESS_LINES: Array<keyof ContactAddress> = ["line1", "line2", "line3", "line4", "postcode", "phone", "mobile", "email"];

export const fullUserName = (m: MemberWithProfile["person"]): string => (m.honorific ? `${m.honorific} ${m.name}` : m.name);
export const photoUrls = (ctx: ServiceContext, m: MemberWithProfile): [string, string] => [
  m.profile?.photoSmallUrl ?? `${ctx.base}/mgimages/missingsmallmug.gif`,
  m.profile?.photoBigUrl ?? `${ctx.base}/mgimages/missingbigmug.gif`,
];

function address(name: string, a: ContactAddress): XmlElement {
  return parent(
    name,
    ADDRESS_LINES.filter((k) => a[k]).map((k) => el(k, a[k])),
  );
}

/** ModernGov lists councillors by surname; a source's own order (listOrder) wins when kept. */
const surname = (name: string): string => name.trim().split(/\s+/).at(-1)!.toLowerCase();
function byListing(a: MemberWithProfile, b: MemberWithProfile): number {
  const oa = a.profile?.listOrder ?? Number.MAX_SAFE_INTEGER;
  const ob = b.profile?.listOrder ?? Number.MAX_SAFE_INTEGER;
  return oa - ob || surname(a.person.name).localeCompare(surname(b.person.name)) || a.person.name.localeCompare(b.person.name);
}
/** Ward titles compare case-insensitively by code point, as every capture is sorted. */
const byTitle = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The `<councillor>` element of GetCouncillorsByWard, in the captured element order. */
export function councillorElement(ctx: ServiceContext, m: MemberWithProfile, uid: number, idName = "councillorid"): XmlElement {
  const p = m.profile;
  const [small, big] = photoUrls(ctx, m);
  const children: XmlElement[] = [
    el(idName, uid),
    el("fullusername", fullUserName(m.person)),
    el("photosmallurl", small),
    el("photobigurl", big),
    el("politicalpartytitle", m.person.party),
    el("districttitle", p ? p.district : null),
    el("representing", p ? p.representing : null),
    el("keyposts", p ? p.keyPosts : m.person.post),
    address("workaddress", p ? p.workAddress : { email: m.person.email ?? undefined }),
    address("homeaddress", p ? p.homeAddress : {}),
  ];
  if (p?.surgery)
    children.push(
      parent(
        "surgerydetails",
        p.surgery.map((line, i) => el(`line${i + 1}`, line)),
      ),
    );
  if (p?.terms)
    children.push(
      parent(
        "termsofoffice",
        p.terms.map((t) => parent("termofoffice", [el("startdate", isoOrText(t.start)), el("enddate", isoOrText(t.end))])),
      ),
    );
  return parent("councillor", children);
}

/** Terms are stored as ISO dates, or the source's literal ("unspecified"). */
const isoOrText = (v: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? dmy(v) : v);

export interface WardListing {
  title: string;
  wardId: number;
  members: Array<{ member: MemberWithProfile; uid: number }>;
}

/** Councillors grouped by ward, wards in title order; councillors without a ward are left out. */
export async function wardListing(ctx: ServiceContext): Promise<WardListing[]> {
  const all = (await councillorsWithProfiles(ctx.store, ctx.authorityId)).filter((m) => m.person.ward);
  await ensureRefs(ctx.store, ctx.authorityId, "person");
  const wardNames = [...new Set(all.map((m) => m.person.ward!))];
  await ensureNamedRefs(ctx.store, ctx.authorityId, "ward", wardNames);
  const [uids, wardIds] = await Promise.all([refsFor(ctx.store, ctx.authorityId, "person"), refsFor(ctx.store, ctx.authorityId, "ward")]);
  return wardNames.sort(byTitle).map((title) => ({
    title,
    wardId: wardIds.get(title)!,
    members: all
      .filter((m) => m.person.ward === title)
      .sort(byListing)
      .map((member) => ({ member, uid: uids.get(member.person.id)! })),
  }));
}

export function councillorsByWardDocument(ctx: ServiceContext, wards: WardListing[]): XmlElement {
  return parent("councillorsbyward", [
    parent(
      "wards",
      wards.map((w) =>
        parent("ward", [
          el("wardtitle", w.title),
          parent("councillors", [
            el("councillorcount", counter(w.members.length)),
            ...w.members.map((m) => councillorElement(ctx, m.member, m.uid)),
          ]),
        ]),
      ),
    ),
  ]);
}

/** GetMemberGroup: every councillor as `memberlist/members/member` (the id element is `memberid`). */
export function memberGroupDocument(ctx: ServiceContext, wards: WardListing[]): XmlElement {
  const members = wards
    .flatMap((w) => w.members)
    .sort((a, b) => byListing(a.member, b.member))
    .map(({ member, uid }) => {
      const c = councillorElement(ctx, member, uid, "memberid");
      const children = c.children!;
      // GetMemberGroup carries the ward in districttitle and adds the (empty) political group.
      children.splice(5, 0, el("politicalgrouptitle", ""));
      children[6] = el("districttitle", member.person.ward);
      return parent("member", children);
    });
  return parent("memberlist", [parent("members", members)]);
}
