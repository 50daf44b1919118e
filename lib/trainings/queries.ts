import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { appointmentInScope, unitIdsInScope } from "@/lib/auth/scope";

export interface TrainingRow {
  id: number;
  title: string;
  place: string;
  level: "state" | "district" | "block";
  districtId: number | null;
  districtName: string | null;
  districtNameHi: string | null;
  startsOn: string;
  endsOn: string;
  /** Length of the session in days (a two-day session is 2). */
  days: number;
  /** Chief enrollers of the viewer's scope marked present (any days). */
  attended: number;
  /** …of whom attended every day, i.e. are trained by this session. */
  completed: number;
}

/**
 * Chief enrollers of the viewer's scope: workers holding (or having held) a chief-enroller post whose unit
 * lies in the scope. Attendance is read and written only for them.
 */
export const chiefInScope = (viewer: Viewer, workerId: ReturnType<typeof sql>) =>
  sql`EXISTS (SELECT 1 FROM appointments a WHERE a.worker_id = ${workerId} AND a.role = 'chief_enroller' AND ${appointmentInScope(viewer)})`;

/**
 * Sessions a viewer sees: state-level ones, those held in a district of the scope, and any that a chief
 * enroller of the scope attended (the seed holds division-level sessions in the division's head district).
 */
function visibleTraining(viewer: Viewer) {
  if (viewer.scope.level === "state") return sql`t.state_id = ${viewer.scope.stateId}`;
  return sql`t.state_id = ${viewer.scope.stateId} AND (t.level = 'state'
    OR t.district_id IN (${unitIdsInScope(viewer, "district")})
    OR EXISTS (SELECT 1 FROM training_attendance x WHERE x.training_id = t.id AND ${chiefInScope(viewer, sql`x.worker_id`)}))`;
}

const dayText = (col: ReturnType<typeof sql>) => sql`to_char(${col}, 'YYYY-MM-DD')`;

export async function listTrainings(db: DbOrTx, viewer: Viewer): Promise<TrainingRow[]> {
  return queryRows<TrainingRow>(
    db,
    sql`SELECT t.id, t.title, t.place, t.level, t.district_id AS "districtId", d.name AS "districtName", d.name_hi AS "districtNameHi",
        ${dayText(sql`t.starts_on`)} AS "startsOn", ${dayText(sql`t.ends_on`)} AS "endsOn", (t.ends_on - t.starts_on + 1)::int AS days,
        (SELECT count(*)::int FROM training_attendance ta WHERE ta.training_id = t.id AND ${chiefInScope(viewer, sql`ta.worker_id`)}) AS attended,
        (SELECT count(*)::int FROM training_attendance ta WHERE ta.training_id = t.id AND ta.days_attended >= (t.ends_on - t.starts_on + 1)
           AND ${chiefInScope(viewer, sql`ta.worker_id`)}) AS completed
      FROM trainings t LEFT JOIN districts d ON d.id = t.district_id
      WHERE ${visibleTraining(viewer)}
      ORDER BY t.starts_on DESC, t.id DESC`,
  );
}

export async function loadTraining(db: DbOrTx, viewer: Viewer, id: number): Promise<TrainingRow | null> {
  const [row] = await queryRows<TrainingRow>(
    db,
    sql`SELECT t.id, t.title, t.place, t.level, t.district_id AS "districtId", d.name AS "districtName", d.name_hi AS "districtNameHi",
        ${dayText(sql`t.starts_on`)} AS "startsOn", ${dayText(sql`t.ends_on`)} AS "endsOn", (t.ends_on - t.starts_on + 1)::int AS days,
        0 AS attended, 0 AS completed
      FROM trainings t LEFT JOIN districts d ON d.id = t.district_id
      WHERE t.id = ${id} AND ${visibleTraining(viewer)}`,
  );
  return row ?? null;
}

export interface RosterRow {
  workerId: number;
  name: string;
  /** The post(s) held, e.g. "Raipur" or "Dharsiwa (Raipur)". */
  posts: string;
  postsHi: string;
  districtName: string;
  districtNameHi: string;
  active: boolean;
  daysAttended: number;
}

/**
 * Chief enrollers of the viewer's scope with their attendance at one session: those holding a post now, and
 * former holders who were marked for it. Optionally only those of one district.
 */
export async function trainingRoster(db: DbOrTx, viewer: Viewer, trainingId: number, districtId?: number): Promise<RosterRow[]> {
  return queryRows<RosterRow>(
    db,
    sql`WITH posts AS (
        SELECT a.worker_id, a.ended_at IS NULL AS active,
          coalesce(d.id, bd.id) AS district_id, coalesce(d.name, bd.name) AS district_name,
          coalesce(d.name_hi, bd.name_hi, d.name, bd.name) AS district_name_hi,
          CASE WHEN bl.id IS NULL THEN d.name ELSE bl.name || ' (' || bd.name || ')' END AS label,
          CASE WHEN bl.id IS NULL THEN coalesce(d.name_hi, d.name) ELSE coalesce(bl.name_hi, bl.name) || ' (' || coalesce(bd.name_hi, bd.name) || ')' END AS label_hi
        FROM appointments a
        LEFT JOIN districts d ON d.id = a.district_id
        LEFT JOIN blocks bl ON bl.id = a.block_id
        LEFT JOIN districts bd ON bd.id = bl.district_id
        WHERE a.role = 'chief_enroller' AND ${appointmentInScope(viewer)}
          AND (a.ended_at IS NULL OR EXISTS (SELECT 1 FROM training_attendance x WHERE x.training_id = ${trainingId} AND x.worker_id = a.worker_id))
          ${districtId ? sql`AND coalesce(d.id, bd.id) = ${districtId}` : sql``}
      )
      SELECT w.id AS "workerId", w.name,
        string_agg(DISTINCT p.label, ', ') AS posts, string_agg(DISTINCT p.label_hi, ', ') AS "postsHi",
        min(p.district_name) AS "districtName", min(p.district_name_hi) AS "districtNameHi", bool_or(p.active) AS active,
        coalesce(max(ta.days_attended), 0)::int AS "daysAttended"
      FROM posts p JOIN workers w ON w.id = p.worker_id
      LEFT JOIN training_attendance ta ON ta.training_id = ${trainingId} AND ta.worker_id = w.id
      GROUP BY w.id, w.name
      ORDER BY min(p.district_name), w.name, w.id`,
  );
}
