import type { Context } from "hono";
import type { App, AppEnv } from "../context.js";
import { editAgendaItem, fillReportCover, removeAgendaItem } from "../../workflow/agenda.js";
import { attachPaper, editPaper, papersOf, removePaper } from "../../workflow/papers.js";
import { MootError } from "../../domain/errors.js";
import { guarded } from "../auth/guard.js";
import { actorScope } from "../auth/session.js";
import { meetingWhen } from "../views/format.js";
import {
  ActionButton,
  Check,
  Confirm,
  Field,
  FormKit,
  MeetingNav,
  Select,
  TextArea,
  editorPage,
  type EditorStatus,
  type FormState,
} from "./shell.js";
import { bool, formBody, intOrNull, opt, orNull, submit, param, requireConfirm } from "./submit.js";
import { KIND_OPTIONS, PARAGRAPH_OPTIONS, flagsOf } from "./agenda.js";

const PAPER_KINDS: Array<[string, string]> = [
  ["report", "Report"],
  ["appendix", "Appendix"],
  ["supplement", "Supplement"],
  ["other", "Other"],
];

const COVER_FIELDS = ["title", "author", "service", "wards", "purpose", "recommendations", "implications"] as const;

async function itemPage(c: Context<AppEnv>, id: string, state?: FormState, status: EditorStatus = 200) {
  const scope = actorScope(c);
  const item = await scope.require("agenda_item", id);
  const m = await scope.require("meeting", item.meetingId);
  const [cover] = await scope.list("report_cover", { agendaItemId: id });
  const papers = await papersOf(scope, id);
  const flags = new FormKit(c, "item-edit", item, state);
  const coverKit = new FormKit(c, "cover", cover ?? {}, state);
  const paper = new FormKit(c, "paper", { kind: "report", exemptParagraph: item.exemptParagraph }, state);
  const remove = new FormKit(c, "item-remove", {}, state);
  return editorPage(
    c,
    `Item ${item.number}: ${item.title}`,
    <>
      <MeetingNav meetingId={m.id} current="agenda" />
      <p>
        <a href={`/editor/meetings/${m.id}/agenda#agenda-h`}>Back to the agenda of {meetingWhen(m)}</a>. {flagsOf(item)}
      </p>
      <section aria-labelledby="flags-h">
        <h2 id="flags-h">Item</h2>
        <form method="post" action={`/editor/items/${id}`}>
          {flags.csrf()}
          {flags.revision(item)}
          <Field kit={flags} name="title" label="Title" />
          <TextArea kit={flags} name="description" label="Description" rows={3} />
          <Select kit={flags} name="kind" label="Kind" options={KIND_OPTIONS} />
          <Check kit={flags} name="toFollow" label="Report to follow" />
          <Check kit={flags} name="verbal" label="Verbal update" />
          <Select kit={flags} name="exemptParagraph" label="Exempt (Schedule 12A)" options={PARAGRAPH_OPTIONS} />
          <button type="submit">Save the item</button>
        </form>
      </section>
      <section aria-labelledby="papers-h">
        <h2 id="papers-h">Papers</h2>
        {papers.length === 0 ? (
          <p>No papers attached.</p>
        ) : (
          <ul class="plain">
            {papers.map((d) => {
              const kit = new FormKit(c, `paper-${d.id}`, d, state);
              const rm = new FormKit(c, `paper-remove-${d.id}`, {}, state);
              return (
                <li id={`paper-${d.id}`}>
                  <a href={`/documents/${d.id}`}>{d.title}</a> ({d.kind}, {d.pageCount} pages
                  {d.exemptParagraph !== null ? `, exempt para ${d.exemptParagraph}` : ""})
                  <details class="edit" open={kit.failed || rm.failed}>
                    <summary>Edit or remove “{d.title}”</summary>
                    <form method="post" action={`/editor/documents/${d.id}`}>
                      {kit.csrf()}
                      {kit.revision(d)}
                      <Field kit={kit} name="title" label="Paper title" />
                      <Select kit={kit} name="kind" label="Kind" options={PAPER_KINDS} />
                      <Select kit={kit} name="exemptParagraph" label="Exempt (Schedule 12A)" options={PARAGRAPH_OPTIONS} />
                      <button type="submit">Save the paper</button>
                    </form>
                    <form method="post" action={`/editor/documents/${d.id}/remove`}>
                      {rm.csrf()}
                      <Confirm kit={rm} label={`Remove “${d.title}” from this item`} />
                      <ActionButton kind="danger">Remove the paper</ActionButton>
                    </form>
                  </details>
                </li>
              );
            })}
          </ul>
        )}
        <form method="post" action={`/editor/items/${id}/papers`} enctype="multipart/form-data">
          {paper.csrf()}
          <Field kit={paper} name="title" label="Paper title" />
          <div class="field">
            <label for="paper-file">PDF file</label>
            <input id="paper-file" name="file" type="file" accept="application/pdf,.pdf" />
          </div>
          <Select kit={paper} name="kind" label="Kind" options={PAPER_KINDS} />
          <Select kit={paper} name="exemptParagraph" label="Exempt (Schedule 12A)" options={PARAGRAPH_OPTIONS} />
          <Field kit={paper} name="urgencyReason" label="Reason for urgency (only after publication)" />
          <button type="submit">Attach the paper</button>
        </form>
      </section>
      <section aria-labelledby="cover-h">
        <h2 id="cover-h">Report cover</h2>
        <form method="post" action={`/editor/items/${id}/cover`}>
          {coverKit.csrf()}
          <Field kit={coverKit} name="title" label="Report title" />
          <Field kit={coverKit} name="author" label="Report author" />
          <Field kit={coverKit} name="service" label="Service" />
          <Field kit={coverKit} name="wards" label="Wards affected" />
          <TextArea kit={coverKit} name="purpose" label="Purpose" />
          <TextArea kit={coverKit} name="recommendations" label="Recommendations" />
          <TextArea kit={coverKit} name="implications" label="Implications" />
          <button type="submit">Save the cover</button>
        </form>
      </section>
      {!m.agendaPublishedAt && m.status === "scheduled" && (
        <section aria-labelledby="remove-h">
          <h2 id="remove-h">Remove the item</h2>
          <form method="post" action={`/editor/items/${id}/remove`}>
            {remove.csrf()}
            <Confirm kit={remove} label={`Remove item ${item.number}, ${item.title}, and its papers`} />
            <ActionButton kind="danger">Remove this item</ActionButton>
          </form>
        </section>
      )}
    </>,
    status,
    state,
  );
}

export function registerItems(app: App) {
  guarded(app, "get", "/editor/items/:id", "staff", (c) => itemPage(c, param(c, "id")));
  guarded(app, "post", "/editor/items/:id", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "item-edit",
      values,
      run: async () => {
        const item = await editAgendaItem(actorScope(c).expecting("agenda_item", id, values.revision), id, {
          title: values.title ?? "",
          description: orNull(values, "description"),
          kind: (opt(values, "kind") ?? "discussion") as never,
          toFollow: bool(values, "toFollow"),
          verbal: bool(values, "verbal"),
          exemptParagraph: intOrNull(values, "exemptParagraph"),
        });
        return { to: `/editor/items/${id}`, message: `Saved item ${item.number}.` };
      },
      rerender: (state, status) => itemPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/items/:id/cover", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    return submit(c, {
      form: "cover",
      values,
      run: async () => {
        await fillReportCover(actorScope(c), id, Object.fromEntries(COVER_FIELDS.map((k) => [k, orNull(values, k)])));
        return { to: `/editor/items/${id}#cover-h`, message: "Saved the report cover." };
      },
      rerender: (state, status) => itemPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/items/:id/papers", "staff", async (c) => {
    const id = param(c, "id");
    const { values, files } = await formBody(c);
    return submit(c, {
      form: "paper",
      values,
      run: async () => {
        const file = files.file;
        if (!file) throw new MootError("invalid", "file: choose a PDF to attach");
        const title = opt(values, "title") ?? file.name.replace(/\.pdf$/i, "");
        const doc = await attachPaper(actorScope(c), id, {
          data: new Uint8Array(await file.arrayBuffer()),
          fileName: file.name,
          title,
          kind: (opt(values, "kind") ?? "report") as never,
          exemptParagraph: intOrNull(values, "exemptParagraph"),
          urgencyReason: opt(values, "urgencyReason") ?? null,
        });
        return { to: `/editor/items/${id}#papers-h`, message: `Attached "${doc.title}" (${doc.pageCount} pages).` };
      },
      rerender: (state, status) => itemPage(c, id, state, status),
    });
  });
  guarded(app, "post", "/editor/items/:id/remove", "staff", async (c) => {
    const id = param(c, "id");
    const { values } = await formBody(c);
    const item = await actorScope(c).require("agenda_item", id);
    return submit(c, {
      form: "item-remove",
      values,
      run: async () => {
        requireConfirm(values, "remove the item");
        await removeAgendaItem(actorScope(c), id);
        return { to: `/editor/meetings/${item.meetingId}/agenda#agenda-h`, message: `Removed "${item.title}".` };
      },
      rerender: (state, status) => itemPage(c, id, state, status),
    });
  });
  const itemOfPaper = async (c: Context<AppEnv>, id: string) => (await actorScope(c).require("document", id)).agendaItemId ?? "";
  guarded(app, "post", "/editor/documents/:id", "staff", async (c) => {
    const id = param(c, "id");
    const itemId = await itemOfPaper(c, id);
    const { values } = await formBody(c);
    return submit(c, {
      form: `paper-${id}`,
      values,
      run: async () => {
        const doc = await editPaper(actorScope(c).expecting("document", id, values.revision), id, {
          title: values.title ?? "",
          kind: (opt(values, "kind") ?? "report") as never,
          exemptParagraph: intOrNull(values, "exemptParagraph"),
        });
        return { to: `/editor/items/${itemId}#paper-${id}`, message: `Saved the paper "${doc.title}".` };
      },
      rerender: (state, status) => itemPage(c, itemId, state, status),
    });
  });
  guarded(app, "post", "/editor/documents/:id/remove", "staff", async (c) => {
    const id = param(c, "id");
    const itemId = await itemOfPaper(c, id);
    const { values } = await formBody(c);
    return submit(c, {
      form: `paper-remove-${id}`,
      values,
      run: async () => {
        requireConfirm(values, "remove the paper");
        const doc = await removePaper(actorScope(c), id);
        return { to: `/editor/items/${itemId}#papers-h`, message: `Removed the paper "${doc.title}".` };
      },
      rerender: (state, status) => itemPage(c, itemId, state, status),
    });
  });
}
