import type { Committee } from "../../domain/committee.js";

/** A committee filter by slug; unknown slugs select nothing rather than everything. */
export function resolveCommittee(committees: Committee[], slug: string | undefined): string | undefined {
  if (!slug) return undefined;
  return committees.find((c) => c.slug === slug || c.id === slug)?.id ?? "__none__";
}

export function CommitteeSelect(props: { committees: Committee[]; selected?: string; id?: string }) {
  const id = props.id ?? "committee";
  return (
    <div>
      <label for={id}>Committee</label>
      <select id={id} name="committee">
        <option value="">All committees</option>
        {props.committees.map((c) => (
          <option value={c.slug} selected={props.selected === c.slug}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** From/to date inputs shared by the filter forms. */
export function DateRangeFields(props: { from?: string; to?: string }) {
  return (
    <>
      <div>
        <label for="from">From</label>
        <input id="from" name="from" type="date" value={props.from ?? ""} />
      </div>
      <div>
        <label for="to">To</label>
        <input id="to" name="to" type="date" value={props.to ?? ""} />
      </div>
    </>
  );
}
