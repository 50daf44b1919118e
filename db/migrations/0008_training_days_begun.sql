-- Training attendance counts days attended, so it can never exceed the days of the session that have begun
-- (India time; India has one fixed offset, so no time-zone database is needed) nor the session's length. A
-- chief enroller is "trained" when the days attended reach the session's length, which is therefore only
-- possible once its last day has begun and every day is marked. lib/trainings/service.ts refuses such a mark
-- with a field error first; these triggers keep the rule for every other writer (scripts, imports, psql).

-- The marks already saved beyond the days begun (e.g. "All 2 days" on the first day) are cut to the days that
-- had begun, or removed for a session not begun yet; each correction is an audit event.
WITH today AS (SELECT ((now() AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date AS d),
fixed AS (
  SELECT ta.training_id, ta.worker_id, ta.state_id, ta.days_attended AS was,
    LEAST(t.ends_on - t.starts_on + 1, (SELECT d FROM today) - t.starts_on + 1) AS allowed
  FROM training_attendance ta JOIN trainings t ON t.id = ta.training_id
  WHERE ta.days_attended > LEAST(t.ends_on - t.starts_on + 1, (SELECT d FROM today) - t.starts_on + 1)
),
removed AS (
  DELETE FROM training_attendance ta USING fixed f
  WHERE ta.training_id = f.training_id AND ta.worker_id = f.worker_id AND f.allowed < 1
  RETURNING ta.training_id
),
cut AS (
  UPDATE training_attendance ta SET days_attended = f.allowed
  FROM fixed f WHERE ta.training_id = f.training_id AND ta.worker_id = f.worker_id AND f.allowed >= 1
  RETURNING ta.training_id
)
INSERT INTO audit_events (state_id, actor_label, action, entity_type, entity_id, before, after)
SELECT state_id, 'migration 0008_training_days_begun', 'training.attendance', 'training_attendance', training_id || ':' || worker_id,
  jsonb_build_object('daysAttended', was), jsonb_build_object('daysAttended', GREATEST(allowed, 0), 'reason', 'days not begun')
FROM fixed;
--> statement-breakpoint
CREATE FUNCTION training_attendance_days_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  first_day date;
  last_day date;
  today CONSTANT date := ((now() AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date;
BEGIN
  -- Lowering a mark (or saving it unchanged) is always allowed.
  IF TG_OP = 'UPDATE' AND NEW.training_id = OLD.training_id AND NEW.days_attended <= OLD.days_attended THEN
    RETURN NEW;
  END IF;
  SELECT starts_on, ends_on INTO first_day, last_day FROM trainings WHERE id = NEW.training_id;
  IF NEW.days_attended > last_day - first_day + 1 THEN
    RAISE EXCEPTION 'training %: % days attended, but the session has % days', NEW.training_id, NEW.days_attended, last_day - first_day + 1
      USING ERRCODE = 'check_violation', CONSTRAINT = 'training_attendance_within_session';
  END IF;
  IF NEW.days_attended > today - first_day + 1 THEN
    RAISE EXCEPTION 'training %: % days attended, but only % days have begun', NEW.training_id, NEW.days_attended, GREATEST(today - first_day + 1, 0)
      USING ERRCODE = 'check_violation', CONSTRAINT = 'training_attendance_days_begun';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER training_attendance_days BEFORE INSERT OR UPDATE OF days_attended, training_id ON training_attendance
  FOR EACH ROW EXECUTE FUNCTION training_attendance_days_check();
--> statement-breakpoint
-- Moving a session's dates may not leave marks beyond its new length or the days begun.
CREATE FUNCTION trainings_dates_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  today CONSTANT date := ((now() AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date;
BEGIN
  IF EXISTS (SELECT 1 FROM training_attendance ta WHERE ta.training_id = NEW.id
      AND ta.days_attended > LEAST(NEW.ends_on - NEW.starts_on + 1, today - NEW.starts_on + 1)) THEN
    RAISE EXCEPTION 'training %: attendance already marked exceeds the new dates', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'training_attendance_days_begun';
  END IF;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER trainings_dates BEFORE UPDATE OF starts_on, ends_on ON trainings
  FOR EACH ROW EXECUTE FUNCTION trainings_dates_check();
