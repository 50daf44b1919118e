DROP INDEX "members_phone_idx";--> statement-breakpoint
DROP INDEX "member_fingerprints_name_idx";--> statement-breakpoint
ALTER TABLE "quality_queue" ADD COLUMN "attempts" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("state_id","phone","id");--> statement-breakpoint
CREATE INDEX "member_fingerprints_name_idx" ON "member_fingerprints" USING btree ("ac_id","name_key","age");
--> statement-breakpoint
-- As 0006, with the under-review decrements locked in booth order too (a confirm and the quality job move the
-- same rows; in key order they wait for each other instead of deadlocking).
CREATE OR REPLACE FUNCTION members_counters() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cols CONSTANT text := 'booth_id, ac_id, district_id, state_id, enrolled_on, channel, caste_category, enrolled_by_worker_id, api_token_id';
  signed CONSTANT text := '(standing <> ''void'')::int * %s AS m, (standing = ''review'')::int * %s AS r, (standing = ''void'')::int * %s AS v';
  moved CONSTANT text := '(n.booth_id, n.state_id, n.enrolled_on, n.channel, n.caste_category, n.standing, n.enrolled_by_worker_id, n.api_token_id)
      IS DISTINCT FROM (o.booth_id, o.state_id, o.enrolled_on, o.channel, o.caste_category, o.standing, o.enrolled_by_worker_id, o.api_token_id)';
  delta_sql text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta_sql := format('SELECT %s, ' || signed || ' FROM new_rows', cols, 1, 1, 1);
  ELSIF TG_OP = 'DELETE' THEN
    delta_sql := format('SELECT %s, ' || signed || ' FROM old_rows', cols, -1, -1, -1);
  ELSE
    delta_sql := format('SELECT %s, ' || signed || ' FROM (SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE %s) x
      UNION ALL SELECT %s, ' || signed || ' FROM (SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s) y',
      cols, 1, 1, 1, moved, cols, -1, -1, -1, moved);
  END IF;

  -- Under review: only booths whose count changes.
  EXECUTE format($sql$
    WITH delta AS (%s),
    r AS (SELECT booth_id, state_id, sum(r) AS n FROM delta GROUP BY booth_id, state_id HAVING sum(r) <> 0),
    locked AS (
      SELECT c.booth_id FROM booth_review_counters c JOIN r USING (booth_id) WHERE r.n < 0 ORDER BY c.booth_id FOR UPDATE OF c
    ),
    r_dec AS (
      UPDATE booth_review_counters c SET under_review = c.under_review + r.n
      FROM r WHERE c.booth_id = r.booth_id AND r.n < 0 AND c.booth_id IN (SELECT booth_id FROM locked)
      RETURNING 1
    )
    INSERT INTO booth_review_counters AS c (booth_id, state_id, under_review)
    SELECT booth_id, state_id, n FROM r WHERE n > 0 ORDER BY booth_id
    ON CONFLICT (booth_id) DO UPDATE SET under_review = c.under_review + EXCLUDED.under_review
  $sql$, delta_sql);

  -- The rest only when a member enters or leaves the count, or moves: a zero row first (in key order), then
  -- the update, so no CHECK sees a half-applied change.
  EXECUTE format($sql$
    WITH delta AS (%s),
    b AS (SELECT booth_id, state_id FROM delta GROUP BY booth_id, state_id, channel, caste_category HAVING sum(m) <> 0 OR sum(v) <> 0)
    INSERT INTO booth_counters (booth_id, state_id)
    SELECT DISTINCT booth_id, state_id FROM b ORDER BY booth_id
    ON CONFLICT (booth_id) DO NOTHING
  $sql$, delta_sql);
  EXECUTE format($sql$
    WITH delta AS (%s),
    b AS (
      SELECT booth_id, sum(m) AS members,
             sum(CASE WHEN channel = 'app' THEN m ELSE 0 END) AS via_app,
             sum(CASE WHEN channel = 'book' THEN m ELSE 0 END) AS via_book,
             sum(CASE WHEN channel = 'import' THEN m ELSE 0 END) AS via_import,
             sum(CASE WHEN caste_category = 'SC' THEN m ELSE 0 END) AS cat_sc,
             sum(CASE WHEN caste_category = 'ST' THEN m ELSE 0 END) AS cat_st,
             sum(CASE WHEN caste_category = 'OBC' THEN m ELSE 0 END) AS cat_obc,
             sum(CASE WHEN caste_category = 'GEN' THEN m ELSE 0 END) AS cat_gen,
             sum(v) AS voided
      FROM delta GROUP BY booth_id
    ),
    changed AS (
      SELECT * FROM b WHERE (members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)
    ),
    locked AS (SELECT c.booth_id FROM booth_counters c JOIN changed USING (booth_id) ORDER BY c.booth_id FOR UPDATE OF c)
    UPDATE booth_counters c SET
      members = c.members + b.members, via_app = c.via_app + b.via_app, via_book = c.via_book + b.via_book,
      via_import = c.via_import + b.via_import, cat_sc = c.cat_sc + b.cat_sc, cat_st = c.cat_st + b.cat_st,
      cat_obc = c.cat_obc + b.cat_obc, cat_gen = c.cat_gen + b.cat_gen, voided = c.voided + b.voided, updated_at = now()
    FROM changed b WHERE c.booth_id = b.booth_id AND c.booth_id IN (SELECT booth_id FROM locked)
  $sql$, delta_sql);
  EXECUTE format($sql$
    WITH delta AS (%s),
    bd AS (
      SELECT booth_id, enrolled_on AS day, state_id, district_id, sum(m) AS n
      FROM delta GROUP BY booth_id, enrolled_on, state_id, district_id HAVING sum(m) <> 0
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
      SELECT ac_id, enrolled_on AS day, state_id, sum(m) AS n FROM delta GROUP BY ac_id, enrolled_on, state_id HAVING sum(m) <> 0
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
  EXECUTE format($sql$
    WITH delta AS (%s),
    e AS (
      SELECT enrolled_by_worker_id AS worker_id, api_token_id AS token_id, district_id, state_id,
             sum(m) AS members, sum(v) AS voided
      FROM delta WHERE enrolled_by_worker_id IS NOT NULL GROUP BY 1, 2, 3, 4
      HAVING sum(m) <> 0 OR sum(v) <> 0
    ),
    z AS (
      INSERT INTO enroller_counters (worker_id, token_id, district_id, state_id)
      SELECT worker_id, token_id, district_id, state_id FROM e ORDER BY 1, 2, 3
      ON CONFLICT (worker_id, token_id, district_id) DO NOTHING
      RETURNING 1
    )
    SELECT count(*) FROM z
  $sql$, delta_sql);
  EXECUTE format($sql$
    WITH delta AS (%s),
    e AS (
      SELECT enrolled_by_worker_id AS worker_id, api_token_id AS token_id, district_id,
             sum(m) AS members, sum(v) AS voided
      FROM delta WHERE enrolled_by_worker_id IS NOT NULL GROUP BY 1, 2, 3
      HAVING sum(m) <> 0 OR sum(v) <> 0
    )
    UPDATE enroller_counters c SET members = c.members + e.members, voided = c.voided + e.voided
    FROM e WHERE c.worker_id = e.worker_id AND c.token_id IS NOT DISTINCT FROM e.token_id AND c.district_id = e.district_id
  $sql$, delta_sql);
  RETURN NULL;
END
$fn$;
