import type { z } from "zod";
import { Committee } from "./committee.js";
import { Person } from "./person.js";
import { Membership } from "./membership.js";
import { Meeting } from "./meeting.js";
import { AgendaItem } from "./agenda-item.js";
import { Document, DocumentPage } from "./document.js";
import { ReportCover } from "./report-cover.js";
import { Attendance } from "./attendance.js";
import { Declaration } from "./declaration.js";
import { Minute } from "./minute.js";
import { Decision } from "./decision.js";
import { Action, ActionUpdate } from "./action.js";
import { WorkProgrammeItem } from "./work-programme.js";
import { Provenance } from "./provenance.js";
import { RegisteredInterest } from "./interest.js";
import { Vote, VotePosition } from "./vote.js";
import { PersonProfile } from "./person-profile.js";
import { Matter, MatterStep } from "./matter.js";

/**
 * Every authority-owned record, by table name. The store, the loader, exports and the API
 * all take their shapes from here. Order matters: a table only refers to tables above it,
 * so inserting in this order (and deleting in reverse) respects foreign keys.
 */
export const recordSchemas = {
  committee: Committee,
  person: Person,
  membership: Membership,
  meeting: Meeting,
  agenda_item: AgendaItem,
  document: Document,
  document_page: DocumentPage,
  report_cover: ReportCover,
  attendance: Attendance,
  minute: Minute,
  declaration: Declaration,
  decision: Decision,
  action: Action,
  action_update: ActionUpdate,
  work_programme_item: WorkProgrammeItem,
  provenance: Provenance,
  registered_interest: RegisteredInterest,
  vote: Vote,
  vote_position: VotePosition,
  person_profile: PersonProfile,
  matter: Matter,
  matter_step: MatterStep,
} as const;

export type RecordTable = keyof typeof recordSchemas;
export const RECORD_TABLES = Object.keys(recordSchemas) as RecordTable[];
export type RecordOf<T extends RecordTable> = z.infer<(typeof recordSchemas)[T]>;
type SystemField = "id" | "authorityId" | "createdAt" | "updatedAt" | "revision";
/** What a caller supplies: system fields are the store's; defaults may be left out. */
export type InputOf<T extends RecordTable> = Omit<z.input<(typeof recordSchemas)[T]>, SystemField> & { id?: string };
export type PatchOf<T extends RecordTable> = Partial<InputOf<T>>;
