import type { Withheld } from "../../store/queries/visibility.js";
import { provenanceKey, type ProvenanceIndex } from "../../store/queries/provenance.js";
import { snippetParts } from "../../store/search.js";
import { meetingWhen } from "./format.js";

const KIND_NAMES: Record<string, string> = {
  "agenda-pack": "agenda pack",
  "front-sheet": "front sheet",
  report: "report",
  appendix: "appendix",
  minutes: "minutes",
  supplement: "supplement",
  other: "document",
};
export const kindName = (k: string): string => KIND_NAMES[k] ?? k;

export function ExemptNotice(props: { w: Withheld }) {
  return (
    <p class="exempt">
      <strong>Not for publication.</strong> {props.w.notice}.
    </p>
  );
}

/** "from page 14 of the agenda pack", linking to that page. */
export function Prov(props: { index: ProvenanceIndex; table: string; id: string; field: string }) {
  const p = props.index[provenanceKey(props.table, props.id, props.field)];
  if (!p) return null;
  return (
    <span class="prov">
      {" "}
      (
      <a href={`/documents/${p.documentId}#page-${p.page}`}>
        from page {p.page} of the {kindName(p.documentKind)}
      </a>
      )
    </span>
  );
}

export function Snippet(props: { text: string }) {
  return <>{snippetParts(props.text).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}

export function MeetingLink(props: { m: { id: string; localDate: string; localTime: string | null }; label?: string }) {
  return <a href={`/meetings/${props.m.id}`}>{props.label ?? meetingWhen(props.m)}</a>;
}

export function Tag(props: { kind: string; children: string }) {
  return <span class={`tag ${props.kind}`}>{props.children}</span>;
}

/** Previous/next links that keep the current query string's other parameters. */
export function Pager(props: { base: string; params: Record<string, string | undefined>; offset: number; limit: number; total: number }) {
  const href = (offset: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(props.params)) if (v) q.set(k, v);
    if (offset > 0) q.set("offset", String(offset));
    const s = q.toString();
    return s ? `${props.base}?${s}` : props.base;
  };
  if (props.total <= props.limit) return null;
  return (
    <nav class="pager" aria-label="Pages">
      {props.offset > 0 && <a href={href(Math.max(0, props.offset - props.limit))}>Previous page</a>}
      <span>
        Showing {props.offset + 1}–{Math.min(props.total, props.offset + props.limit)} of {props.total}
      </span>
      {props.offset + props.limit < props.total && <a href={href(props.offset + props.limit)}>Next page</a>}
    </nav>
  );
}
