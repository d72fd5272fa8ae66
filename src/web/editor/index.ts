import type { App } from "../context.js";
import { registerMeetings } from "./meetings.js";
import { registerAgenda } from "./agenda.js";
import { registerItems } from "./items.js";
import { registerMinutes } from "./minutes.js";
import { registerActionEditor } from "./actions.js";
import { registerWorkProgramme } from "./work-programme.js";
import { registerInterests } from "./interests.js";
import { registerMatterEditor } from "./matters.js";
import { registerCommitteeEditor } from "./committees.js";
import { registerPeopleEditor } from "./people.js";
import { registerAccountEditor } from "./accounts.js";

/** The clerk's editor under /editor; every route is registered through `guarded`. */
export function mountEditor(app: App): void {
  registerMeetings(app);
  registerAgenda(app);
  registerItems(app);
  registerMinutes(app);
  registerActionEditor(app);
  registerWorkProgramme(app);
  registerInterests(app);
  registerMatterEditor(app);
  registerCommitteeEditor(app);
  registerPeopleEditor(app);
  registerAccountEditor(app);
}
