import type { App } from "../context.js";
import { INTEREST_LABELS } from "../../domain/declaration.js";
import { page } from "../views/render.js";

/** Plain-English meanings of the terms the site prints, linked from where they appear. */
export function registerGlossary(app: App) {
  app.get("/glossary", (c) =>
    page(
      c,
      { title: "Glossary", crumbs: [{ href: "/", label: "Home" }] },
      <>
        <h1>Glossary</h1>
        <h2 id="interests">Declarations of interest</h2>
        <p>
          Councillors must say at a meeting when an item of business touches their own interests, and what kind of interest it is. Each
          council's code of conduct sets out the rules; these are the usual kinds.
        </p>
        <dl>
          <dt id="dpi">{INTEREST_LABELS.dpi}</dt>
          <dd>
            An interest defined in law (the Localism Act 2011): the councillor's or their partner's job or business, property or land in the
            area, contracts with the council, sponsorship, and shares above a set value. A councillor with a DPI in an item must not take
            part in it or vote, unless given a dispensation; failing to declare one is a criminal offence.
          </dd>
          <dt id="ori">{INTEREST_LABELS.ori}</dt>
          <dd>
            Another interest the code of conduct requires councillors to register, such as being a school governor, a trustee of a charity,
            or a member of a public body or a trade union. The councillor usually may stay and take part, unless the item directly affects
            that body's finances.
          </dd>
          <dt id="nri">{INTEREST_LABELS.nri}</dt>
          <dd>
            An interest that is not on the register but is affected by the item, often a relative's or a close friend's. The councillor
            declares it and may have to leave for that item.
          </dd>
          <dt id="other">{INTEREST_LABELS.other}</dt>
          <dd>An interest declared without saying which kind it is (older records and some imports).</dd>
        </dl>
        <h2 id="exempt">Exempt information</h2>
        <p>
          Papers or items "not for publication" contain information that Schedule 12A to the Local Government Act 1972 allows a council to
          keep private, such as personal details or commercially sensitive prices. The paragraph number says which category applies.
        </p>
        <h2 id="draft">Draft minutes</h2>
        <p>Minutes are published as a draft soon after a meeting and become final when the next meeting approves them.</p>
      </>,
    ),
  );
}
