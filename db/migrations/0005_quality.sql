CREATE TABLE "enroller_counters" (
	"worker_id" integer NOT NULL,
	"token_id" integer,
	"district_id" integer NOT NULL,
	"state_id" smallint NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"under_review" integer DEFAULT 0 NOT NULL,
	"voided" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "enroller_counters_key" UNIQUE NULLS NOT DISTINCT("worker_id","token_id","district_id"),
	CONSTRAINT "enroller_counters_nonnegative" CHECK ("enroller_counters"."members" >= 0 AND "enroller_counters"."under_review" BETWEEN 0 AND "enroller_counters"."members" AND "enroller_counters"."voided" >= 0)
);
--> statement-breakpoint
CREATE TABLE "member_fingerprints" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"ac_id" integer NOT NULL,
	"name_key" text NOT NULL,
	"age" smallint NOT NULL,
	"photo_hash" bigint
);
--> statement-breakpoint
CREATE TABLE "member_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"member_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"decision_note" text,
	CONSTRAINT "member_flags_member_reason" UNIQUE("member_id","reason"),
	CONSTRAINT "member_flags_reason" CHECK ("member_flags"."reason" IN ('shared_phone', 'near_duplicate', 'photo_reuse', 'burst', 'epic_pattern', 'disowned')),
	CONSTRAINT "member_flags_status" CHECK ("member_flags"."status" IN ('open', 'confirmed', 'voided', 'cleared')),
	CONSTRAINT "member_flags_decided" CHECK (("member_flags"."status" IN ('confirmed', 'voided')) = ("member_flags"."decided_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "quality_labels" (
	"member_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"expected" text NOT NULL,
	"pattern" text NOT NULL,
	CONSTRAINT "quality_labels_member_id_reason_pk" PRIMARY KEY("member_id","reason"),
	CONSTRAINT "quality_labels_expected" CHECK ("quality_labels"."expected" IN ('fake', 'genuine'))
);
--> statement-breakpoint
CREATE TABLE "quality_queue" (
	"member_id" bigint PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_settings" (
	"state_id" smallint PRIMARY KEY NOT NULL,
	"shared_phone_limit" smallint DEFAULT 5 NOT NULL,
	"burst_limit" smallint DEFAULT 20 NOT NULL,
	"burst_minutes" smallint DEFAULT 10 NOT NULL,
	"photo_distance" smallint DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "quality_settings_positive" CHECK ("quality_settings"."shared_phone_limit" >= 1 AND "quality_settings"."burst_limit" >= 1 AND "quality_settings"."burst_minutes" BETWEEN 1 AND 1440),
	CONSTRAINT "quality_settings_photo_distance" CHECK ("quality_settings"."photo_distance" BETWEEN 0 AND 16)
);
--> statement-breakpoint
ALTER TABLE "booth_counters" ADD COLUMN "under_review" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booth_counters" ADD COLUMN "voided" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "api_token_id" integer;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "standing" text DEFAULT 'counted' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enroller_counters" ADD CONSTRAINT "enroller_counters_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enroller_counters" ADD CONSTRAINT "enroller_counters_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enroller_counters" ADD CONSTRAINT "enroller_counters_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enroller_counters" ADD CONSTRAINT "enroller_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_fingerprints" ADD CONSTRAINT "member_fingerprints_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_fingerprints" ADD CONSTRAINT "member_fingerprints_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_flags" ADD CONSTRAINT "member_flags_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_flags" ADD CONSTRAINT "member_flags_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_flags" ADD CONSTRAINT "member_flags_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_labels" ADD CONSTRAINT "quality_labels_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_queue" ADD CONSTRAINT "quality_queue_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_settings" ADD CONSTRAINT "quality_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enroller_counters_district_idx" ON "enroller_counters" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "member_fingerprints_name_idx" ON "member_fingerprints" USING btree ("ac_id","name_key");--> statement-breakpoint
CREATE INDEX "member_fingerprints_band0_idx" ON "member_fingerprints" USING btree ((("photo_hash" >> 48) & 65535)) WHERE "member_fingerprints"."photo_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_fingerprints_band1_idx" ON "member_fingerprints" USING btree ((("photo_hash" >> 32) & 65535)) WHERE "member_fingerprints"."photo_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_fingerprints_band2_idx" ON "member_fingerprints" USING btree ((("photo_hash" >> 16) & 65535)) WHERE "member_fingerprints"."photo_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_fingerprints_band3_idx" ON "member_fingerprints" USING btree (("photo_hash" & 65535)) WHERE "member_fingerprints"."photo_hash" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "member_flags_open_idx" ON "member_flags" USING btree ("state_id","reason","created_at") WHERE "member_flags"."status" = 'open';--> statement-breakpoint
CREATE INDEX "member_flags_status_idx" ON "member_flags" USING btree ("status","reason");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_api_token_id_api_tokens_id_fk" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_token_time_idx" ON "members" USING btree ("api_token_id","created_at") WHERE "members"."api_token_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "booth_counters" ADD CONSTRAINT "booth_counters_review_voided" CHECK ("booth_counters"."under_review" BETWEEN 0 AND "booth_counters"."members" AND "booth_counters"."voided" >= 0);--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_standing" CHECK ("members"."standing" IN ('counted', 'review', 'void'));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_void_dated" CHECK (("members"."standing" = 'void') = ("members"."voided_at" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_void_erased" CHECK ("members"."standing" <> 'void' OR "members"."erased_at" IS NOT NULL);--> statement-breakpoint
-- Sign-ups the enrolment app sent before this migration carry their token in the idempotency key
-- (`<token id>:<key>`): record it, so bursts and scorecards see them too.
UPDATE "members" m SET "api_token_id" = t."id"
FROM "api_tokens" t
WHERE m."channel" = 'app' AND m."api_token_id" IS NULL AND m."idempotency_key" ~ '^[0-9]{1,9}:'
  AND t."id" = split_part(m."idempotency_key", ':', 1)::int;
--> statement-breakpoint
-- The counters now count members that are not void; `under_review` and `voided` come with the standing.
-- Inserts stay static (the API's hot path); every insert also queues its members for the quality job in
-- the same statement, so no sign-up escapes the signals and the sign-up itself computes none of them.
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
           count(*) FILTER (WHERE standing = 'review') AS under_review,
           count(*) FILTER (WHERE standing = 'void') AS voided
    FROM new_rows GROUP BY booth_id, state_id
  ),
  b_inc AS (
    -- Ordered by key, so that concurrent writers lock counter rows in the same order.
    INSERT INTO booth_counters AS c
      (booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, under_review, voided, updated_at)
    SELECT booth_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, under_review, voided, now()
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
      under_review = c.under_review + EXCLUDED.under_review,
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
  e_inc AS (
    INSERT INTO enroller_counters AS c (worker_id, token_id, district_id, state_id, members, under_review, voided)
    SELECT enrolled_by_worker_id, api_token_id, district_id, state_id,
           count(*) FILTER (WHERE standing <> 'void'), count(*) FILTER (WHERE standing = 'review'),
           count(*) FILTER (WHERE standing = 'void')
    FROM new_rows WHERE enrolled_by_worker_id IS NOT NULL
    GROUP BY enrolled_by_worker_id, api_token_id, district_id, state_id
    ORDER BY enrolled_by_worker_id, api_token_id, district_id
    ON CONFLICT (worker_id, token_id, district_id) DO UPDATE SET
      members = c.members + EXCLUDED.members,
      under_review = c.under_review + EXCLUDED.under_review,
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
-- Updates and deletes (a void, a restore, a flag opening or closing, an erasure, a booth move) are rare, so
-- their delta is built per operation with EXECUTE. A row moves between counters when a counted attribute or
-- its standing changes; each counter row first exists (a zero row, inserted in key order), then is updated,
-- so no CHECK sees a half-applied change.
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

  EXECUTE format($sql$
    WITH delta AS (%s)
    INSERT INTO booth_counters (booth_id, state_id)
    SELECT DISTINCT booth_id, state_id FROM delta ORDER BY booth_id
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
             sum(r) AS under_review, sum(v) AS voided
      FROM delta GROUP BY booth_id
    ),
    locked AS (SELECT c.booth_id FROM booth_counters c JOIN b USING (booth_id) ORDER BY c.booth_id FOR UPDATE OF c)
    UPDATE booth_counters c SET
      members = c.members + b.members, via_app = c.via_app + b.via_app, via_book = c.via_book + b.via_book,
      via_import = c.via_import + b.via_import, cat_sc = c.cat_sc + b.cat_sc, cat_st = c.cat_st + b.cat_st,
      cat_obc = c.cat_obc + b.cat_obc, cat_gen = c.cat_gen + b.cat_gen,
      under_review = c.under_review + b.under_review, voided = c.voided + b.voided, updated_at = now()
    FROM b WHERE c.booth_id = b.booth_id AND c.booth_id IN (SELECT booth_id FROM locked)
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
    WITH delta AS (%s)
    INSERT INTO enroller_counters (worker_id, token_id, district_id, state_id)
    SELECT DISTINCT enrolled_by_worker_id, api_token_id, district_id, state_id FROM delta
    WHERE enrolled_by_worker_id IS NOT NULL ORDER BY 1, 2, 3
    ON CONFLICT (worker_id, token_id, district_id) DO NOTHING
  $sql$, delta_sql);
  EXECUTE format($sql$
    WITH delta AS (%s),
    e AS (
      SELECT enrolled_by_worker_id AS worker_id, api_token_id AS token_id, district_id,
             sum(m) AS members, sum(r) AS under_review, sum(v) AS voided
      FROM delta WHERE enrolled_by_worker_id IS NOT NULL GROUP BY 1, 2, 3
    )
    UPDATE enroller_counters c SET
      members = c.members + e.members, under_review = c.under_review + e.under_review, voided = c.voided + e.voided
    FROM e WHERE c.worker_id = e.worker_id AND c.token_id IS NOT DISTINCT FROM e.token_id AND c.district_id = e.district_id
  $sql$, delta_sql);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- A member is "under review" while it has an open flag. The flags' statement triggers keep that standing
-- (the members trigger then moves the under-review counters); a void member stays void.
CREATE FUNCTION member_flags_standing() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT member_id ORDER BY member_id) INTO ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT member_id ORDER BY member_id) INTO ids FROM new_rows;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE members m SET standing = s.standing
  FROM (
    SELECT x.id, CASE WHEN EXISTS (SELECT 1 FROM member_flags f WHERE f.member_id = x.id AND f.status = 'open')
                      THEN 'review' ELSE 'counted' END AS standing
    FROM unnest(ids) AS x(id)
  ) s
  WHERE m.id = s.id AND m.standing <> 'void' AND m.standing <> s.standing;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER member_flags_standing_insert AFTER INSERT ON member_flags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_flags_standing();
--> statement-breakpoint
CREATE TRIGGER member_flags_standing_update AFTER UPDATE ON member_flags
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_flags_standing();
--> statement-breakpoint
CREATE TRIGGER member_flags_standing_delete AFTER DELETE ON member_flags
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION member_flags_standing();
--> statement-breakpoint
-- Sign-ups that existed before this migration: their enrollers' counters, and a place in the quality queue
-- (`npm run quality:scan` works through it in batches).
INSERT INTO enroller_counters (worker_id, token_id, district_id, state_id, members)
SELECT enrolled_by_worker_id, api_token_id, district_id, state_id, count(*) FROM members
WHERE enrolled_by_worker_id IS NOT NULL GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO quality_queue (member_id) SELECT id FROM members WHERE erased_at IS NULL;
