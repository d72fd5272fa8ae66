import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { reportError } from "../../src/cli/errors.js";
import { Scope } from "../../src/store/records.js";
import { createMeeting } from "../../src/workflow/meetings.js";
import { addMinute, approveMinutes } from "../../src/workflow/minutes.js";
import { freshStore, type TestStore } from "../support/stores.js";
import { buildEditorFixture, daysFromToday, type EditorFixture } from "../support/editor-fixture.js";

/** What `moot` prints for a refusal reads like the editor's: dates as a clerk writes them, fields by label. */
describe("command-line refusals in plain English", () => {
  let store: TestStore;
  let f: EditorFixture;
  beforeAll(async () => {
    store = await freshStore("sqlite");
    f = await buildEditorFixture(store);
  });
  afterAll(() => store?.cleanup());

  async function printed(fn: () => Promise<unknown>): Promise<{ line: string; code: number }> {
    const err = await fn().then(
      () => {
        throw new Error("expected a refusal");
      },
      (e: unknown) => e,
    );
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const code = reportError(err);
      return { line: spy.mock.calls.map((c) => c.join(" ")).join("\n"), code };
    } finally {
      spy.mockRestore();
    }
  }

  it("a workflow refusal names its dates as a clerk writes them, not ISO", async () => {
    const s = new Scope(store, f.authorityId, "cli");
    const held = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: "2024-04-10" });
    await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: "2024-05-08" });
    const later = await createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: "2024-06-12" });
    await addMinute(s, held.id, { title: "Parking", text: "Draft." });
    const { line, code } = await printed(() => approveMinutes(s, held.id, later.id));
    expect(line).toBe("moot: minutes of 10 April 2024 are approved at the committee's next meeting (8 May 2024)");
    expect(code).toBe(73);
  });

  it("a refused record keeps the field's name (it is the flag) and file names as they are", async () => {
    const s = new Scope(store, f.authorityId, "cli");
    const { line } = await printed(() =>
      createMeeting(s, { committeeId: f.committees.scrutiny.id, localDate: daysFromToday(3), localTime: "25:00" }),
    );
    expect(line).toMatch(/^moot: .*localTime: /);
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const { MootError } = await import("../../src/domain/errors.js");
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    reportError(new MootError("bad_input", "/tmp/borsetshire-2024-04-10.txt: not a PDF"));
    expect(spy.mock.calls[0]![0]).toBe("moot: /tmp/borsetshire-2024-04-10.txt: not a PDF");
    spy.mockRestore();
  });
});
