CREATE TABLE "booth_review_counters" (
	"booth_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"under_review" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booth_review_counters_nonnegative" CHECK ("booth_review_counters"."under_review" >= 0)
);
--> statement-breakpoint
ALTER TABLE "booth_counters" DROP CONSTRAINT "booth_counters_review_voided";--> statement-breakpoint
ALTER TABLE "enroller_counters" DROP CONSTRAINT "enroller_counters_nonnegative";--> statement-breakpoint
ALTER TABLE "booth_review_counters" ADD CONSTRAINT "booth_review_counters_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_review_counters" ADD CONSTRAINT "booth_review_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Under review moves to its own table: the quality job moves it while the enrolment API inserts, and the two
-- must not wait on (or deadlock over) the same counter rows.
INSERT INTO "booth_review_counters" ("booth_id", "state_id", "under_review")
SELECT "booth_id", "state_id", "under_review" FROM "booth_counters" WHERE "under_review" > 0;--> statement-breakpoint
ALTER TABLE "booth_counters" DROP COLUMN "under_review";--> statement-breakpoint
ALTER TABLE "enroller_counters" DROP COLUMN "under_review";--> statement-breakpoint
ALTER TABLE "booth_counters" ADD CONSTRAINT "booth_counters_voided" CHECK ("booth_counters"."voided" >= 0);--> statement-breakpoint
ALTER TABLE "enroller_counters" ADD CONSTRAINT "enroller_counters_nonnegative" CHECK ("enroller_counters"."members" >= 0 AND "enroller_counters"."voided" >= 0);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION members_counters_on_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH b AS (
    SELECT booth_id, state_id,
           count(*) FILTER (WHERE standing <> 'void') AS members,
           count(*) FILTER (WHERE standing <> 'void' AND channel = 'app') AS via_app,
           count(*) FILTER (WHERE standing <> 'void' AND channel = 'book') AS via_book,
           count(*) FILTER (WHERE standing <> 'void' AND channel = 'import') AS via_import,
           count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'SC') AS cat_sc,
           count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'ST') AS cat_st,
           count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'OBC') AS cat_obc,
           count(*) FILTER (WHERE standing <> 'void' AND caste_category = 'GEN') AS cat_gen,
           count(*) FILTER (WHERE standing = 'void') AS voided
    FROM new_rows GROUP BY booth_id, state_id
  ),
  b_inc AS (
    -- Ordered by key, so that concurrent writers lock counter rows in the same order.
    INSERT INTO booth_counters AS c
      (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided, updated_at)
    SELECT booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided, now()
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
      voided = c.voided + EXCLUDED.voided,
      updated_at = EXCLUDED.updated_at
    RETURNING 1
  ),
  bd_inc AS (
    INSERT INTO booth_day_counters AS c (booth_id, day, state_id, district_id, members)
    SELECT booth_id, enrolled_on, state_id, district_id, count(*) FROM new_rows WHERE standing <> 'void'
    GROUP BY booth_id, enrolled_on, state_id, district_id ORDER BY booth_id, enrolled_on
    ON CONFLICT (booth_id, day) DO UPDATE SET members = c.members + EXCLUDED.members
    RETURNING 1
  ),
  -- Sign-ups arrive counted; only a seed or a restore of old data may insert members already under review.
  r_inc AS (
    INSERT INTO booth_review_counters AS c (booth_id, state_id, under_review)
    SELECT booth_id, state_id, count(*) FROM new_rows WHERE standing = 'review'
    GROUP BY booth_id, state_id ORDER BY booth_id
    ON CONFLICT (booth_id) DO UPDATE SET under_review = c.under_review + EXCLUDED.under_review
    RETURNING 1
  ),
  e_inc AS (
    INSERT INTO enroller_counters AS c (worker_id, token_id, district_id, state_id, members, voided)
    SELECT enrolled_by_worker_id, api_token_id, district_id, state_id,
           count(*) FILTER (WHERE standing <> 'void'), count(*) FILTER (WHERE standing = 'void')
    FROM new_rows WHERE enrolled_by_worker_id IS NOT NULL
    GROUP BY enrolled_by_worker_id, api_token_id, district_id, state_id
    ORDER BY enrolled_by_worker_id, api_token_id, district_id
    ON CONFLICT (worker_id, token_id, district_id) DO UPDATE SET
      members = c.members + EXCLUDED.members,
      voided = c.voided + EXCLUDED.voided
    RETURNING 1
  ),
  q AS (
    INSERT INTO quality_queue (member_id) SELECT id FROM new_rows WHERE standing <> 'void'
    ON CONFLICT (member_id) DO NOTHING
    RETURNING 1
  )
  INSERT INTO ac_day_counters AS c (ac_id, day, state_id, members)
  SELECT ac_id, enrolled_on, state_id, count(*) FROM new_rows WHERE standing <> 'void'
  GROUP BY ac_id, enrolled_on, state_id ORDER BY ac_id, enrolled_on
  ON CONFLICT (ac_id, day) DO UPDATE SET members = c.members + EXCLUDED.members;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- Updates and deletes. A member going under review or back (the quality job, a confirm, a disown) changes only
-- booth_review_counters: the counters sign-ups write are touched only by what changes them (a void, a restore,
-- a booth move, a delete), so the quality job never waits on a sign-up's counter rows.
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
    r_dec AS (
      UPDATE booth_review_counters c SET under_review = c.under_review + r.n
      FROM r WHERE c.booth_id = r.booth_id AND r.n < 0
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
