-- Sign-up counters are kept by the database itself, in the statement that writes members, so that every
-- path in (API, book entry, bulk import, seed) counts in the same transaction as the sign-up and no page
-- ever counts member rows. Statement-level triggers with transition tables fold a bulk insert into one
-- upsert per booth, ordered by key so that concurrent writers lock counter rows in the same order.
-- `npm run recount` rebuilds the same numbers from members and must agree.
CREATE FUNCTION members_counters() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  delta_sql text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta_sql := 'SELECT booth_id, ac_id, district_id, state_id, enrolled_on, channel, caste_category, 1 AS d FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    delta_sql := 'SELECT booth_id, ac_id, district_id, state_id, enrolled_on, channel, caste_category, -1 AS d FROM old_rows';
  ELSE
    -- Only rows whose counted attributes changed move between counters (an erasure changes none of them).
    delta_sql := 'SELECT n.booth_id, n.ac_id, n.district_id, n.state_id, n.enrolled_on, n.channel, n.caste_category, 1 AS d
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.booth_id, n.state_id, n.enrolled_on, n.channel, n.caste_category)
              IS DISTINCT FROM (o.booth_id, o.state_id, o.enrolled_on, o.channel, o.caste_category)
      UNION ALL
      SELECT o.booth_id, o.ac_id, o.district_id, o.state_id, o.enrolled_on, o.channel, o.caste_category, -1 AS d
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (n.booth_id, n.state_id, n.enrolled_on, n.channel, n.caste_category)
              IS DISTINCT FROM (o.booth_id, o.state_id, o.enrolled_on, o.channel, o.caste_category)';
  END IF;

  -- Keys whose net change is positive are upserted; the others (a member moved or deleted) are updated in
  -- place, since PostgreSQL checks CHECK constraints on the proposed row before it resolves ON CONFLICT.
  EXECUTE format($sql$
    WITH delta AS (%s),
    b AS (
      SELECT booth_id, state_id, sum(d) AS members,
             sum(CASE WHEN channel = 'app' THEN d ELSE 0 END) AS via_app,
             sum(CASE WHEN channel = 'book' THEN d ELSE 0 END) AS via_book,
             sum(CASE WHEN channel = 'import' THEN d ELSE 0 END) AS via_import,
             sum(CASE WHEN caste_category = 'SC' THEN d ELSE 0 END) AS cat_sc,
             sum(CASE WHEN caste_category = 'ST' THEN d ELSE 0 END) AS cat_st,
             sum(CASE WHEN caste_category = 'OBC' THEN d ELSE 0 END) AS cat_obc,
             sum(CASE WHEN caste_category = 'GEN' THEN d ELSE 0 END) AS cat_gen
      FROM delta GROUP BY booth_id, state_id
    ),
    b_dec AS (
      UPDATE booth_counters c SET
        members = c.members + b.members, via_app = c.via_app + b.via_app, via_book = c.via_book + b.via_book,
        via_import = c.via_import + b.via_import, cat_sc = c.cat_sc + b.cat_sc, cat_st = c.cat_st + b.cat_st,
        cat_obc = c.cat_obc + b.cat_obc, cat_gen = c.cat_gen + b.cat_gen, updated_at = now()
      FROM b WHERE c.booth_id = b.booth_id AND b.members <= 0
      RETURNING 1
    ),
    b_inc AS (
      INSERT INTO booth_counters AS c
        (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, updated_at)
      SELECT booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, now()
      FROM b WHERE members > 0 ORDER BY booth_id
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
    bd AS (
      SELECT booth_id, enrolled_on AS day, state_id, district_id, sum(d) AS n
      FROM delta GROUP BY booth_id, enrolled_on, state_id, district_id
    ),
    bd_dec AS (
      UPDATE booth_day_counters c SET members = c.members + bd.n
      FROM bd WHERE c.booth_id = bd.booth_id AND c.day = bd.day AND bd.n < 0
      RETURNING 1
    ),
    bd_inc AS (
      INSERT INTO booth_day_counters AS c (booth_id, day, state_id, district_id, members)
      SELECT booth_id, day, state_id, district_id, n FROM bd WHERE n > 0 ORDER BY booth_id, day
      ON CONFLICT (booth_id, day) DO UPDATE SET members = c.members + EXCLUDED.members
      RETURNING 1
    ),
    ad AS (
      SELECT ac_id, enrolled_on AS day, state_id, sum(d) AS n FROM delta GROUP BY ac_id, enrolled_on, state_id
    ),
    ad_dec AS (
      UPDATE ac_day_counters c SET members = c.members + ad.n
      FROM ad WHERE c.ac_id = ad.ac_id AND c.day = ad.day AND ad.n < 0
      RETURNING 1
    )
    INSERT INTO ac_day_counters AS c (ac_id, day, state_id, members)
    SELECT ac_id, day, state_id, n FROM ad WHERE n > 0 ORDER BY ac_id, day
    ON CONFLICT (ac_id, day) DO UPDATE SET members = c.members + EXCLUDED.members
  $sql$, delta_sql);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER members_counters_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_counters();
--> statement-breakpoint
CREATE TRIGGER members_counters_delete AFTER DELETE ON members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_counters();
--> statement-breakpoint
CREATE TRIGGER members_counters_update AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_counters();
--> statement-breakpoint
-- The audit trail is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
