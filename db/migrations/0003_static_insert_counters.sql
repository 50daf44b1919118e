-- Inserts are how members arrive (the API, book entry, import, seed) and the API writes a small group of
-- sign-ups per statement, hundreds of times a second. members_counters() builds its SQL with format() and
-- EXECUTE, so PostgreSQL parsed and planned that seven-part statement on every insert — it cost more than
-- the rows themselves. An insert only ever adds members, so its counters need no decrement branches and
-- the statement can be static: PL/pgSQL then keeps its plan for the session. UPDATE and DELETE keep
-- members_counters(); the numbers are the same either way (`npm run recount` checks them).
CREATE FUNCTION members_counters_on_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH b AS (
    SELECT booth_id, state_id, count(*) AS members,
           count(*) FILTER (WHERE channel = 'app') AS via_app,
           count(*) FILTER (WHERE channel = 'book') AS via_book,
           count(*) FILTER (WHERE channel = 'import') AS via_import,
           count(*) FILTER (WHERE caste_category = 'SC') AS cat_sc,
           count(*) FILTER (WHERE caste_category = 'ST') AS cat_st,
           count(*) FILTER (WHERE caste_category = 'OBC') AS cat_obc,
           count(*) FILTER (WHERE caste_category = 'GEN') AS cat_gen
    FROM new_rows GROUP BY booth_id, state_id
  ),
  b_inc AS (
    -- Ordered by key, so that concurrent writers lock counter rows in the same order.
    INSERT INTO booth_counters AS c
      (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, updated_at)
    SELECT booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, now()
    FROM b ORDER BY booth_id
    ON CONFLICT (booth_id) DO UPDATE SET
      members = c.members + EXCLUDED.members,
      via_app = c.via_app + EXCLUDED.via_app,
      via_book = c.via_book + EXCLUDED.via_book,
      via_import = c.via_import + EXCLUDED.via_import,
      cat_sc = c.cat_sc + EXCLUDED.cat_sc,
      cat_st = c.cat_st + EXCLUDED.cat_st,
      cat_obc = c.cat_obc + EXCLUDED.cat_obc,
      cat_gen = c.cat_gen + EXCLUDED.cat_gen,
      updated_at = EXCLUDED.updated_at
    RETURNING 1
  ),
  bd_inc AS (
    INSERT INTO booth_day_counters AS c (booth_id, day, state_id, district_id, members)
    SELECT booth_id, enrolled_on, state_id, district_id, count(*) FROM new_rows
    GROUP BY booth_id, enrolled_on, state_id, district_id ORDER BY booth_id, enrolled_on
    ON CONFLICT (booth_id, day) DO UPDATE SET members = c.members + EXCLUDED.members
    RETURNING 1
  )
  INSERT INTO ac_day_counters AS c (ac_id, day, state_id, members)
  SELECT ac_id, enrolled_on, state_id, count(*) FROM new_rows
  GROUP BY ac_id, enrolled_on, state_id ORDER BY ac_id, enrolled_on
  ON CONFLICT (ac_id, day) DO UPDATE SET members = c.members + EXCLUDED.members;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
DROP TRIGGER members_counters_insert ON members;
--> statement-breakpoint
CREATE TRIGGER members_counters_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_counters_on_insert();
