CREATE TABLE "cells" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"pc_id" integer NOT NULL,
	"ac_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"block_id" integer,
	"booths" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cells_place" UNIQUE NULLS NOT DISTINCT("ac_id","district_id","block_id"),
	CONSTRAINT "cells_booths_nonnegative" CHECK ("cells"."booths" >= 0)
);
--> statement-breakpoint
CREATE TABLE "booth_post_counters" (
	"booth_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"it_members" integer DEFAULT 0 NOT NULL,
	"enrollers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booth_post_counters_nonnegative" CHECK ("booth_post_counters"."it_members" >= 0 AND "booth_post_counters"."enrollers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cell_post_counters" (
	"cell_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"covered" integer DEFAULT 0 NOT NULL,
	"enroller_booths" integer DEFAULT 0 NOT NULL,
	"enrollers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cell_post_counters_nonnegative" CHECK ("cell_post_counters"."covered" >= 0 AND "cell_post_counters"."enroller_booths" >= 0 AND "cell_post_counters"."enrollers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cell_counters" (
	"cell_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"via_app" integer DEFAULT 0 NOT NULL,
	"via_book" integer DEFAULT 0 NOT NULL,
	"via_import" integer DEFAULT 0 NOT NULL,
	"cat_sc" integer DEFAULT 0 NOT NULL,
	"cat_st" integer DEFAULT 0 NOT NULL,
	"cat_obc" integer DEFAULT 0 NOT NULL,
	"cat_gen" integer DEFAULT 0 NOT NULL,
	"voided" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cell_counters_nonnegative" CHECK ("cell_counters"."members" >= 0 AND "cell_counters"."voided" >= 0),
	CONSTRAINT "cell_counters_channels_add_up" CHECK ("cell_counters"."members" = "cell_counters"."via_app" + "cell_counters"."via_book" + "cell_counters"."via_import"),
	CONSTRAINT "cell_counters_categories_add_up" CHECK ("cell_counters"."members" = "cell_counters"."cat_sc" + "cell_counters"."cat_st" + "cell_counters"."cat_obc" + "cell_counters"."cat_gen")
);
--> statement-breakpoint
CREATE TABLE "cell_day_counters" (
	"cell_id" integer NOT NULL,
	"day" date NOT NULL,
	"state_id" smallint NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "cell_day_counters_cell_id_day_pk" PRIMARY KEY("cell_id","day"),
	CONSTRAINT "cell_day_counters_nonnegative" CHECK ("cell_day_counters"."members" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cell_review_counters" (
	"cell_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"under_review" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cell_review_counters_nonnegative" CHECK ("cell_review_counters"."under_review" >= 0)
);
--> statement-breakpoint
ALTER TABLE "booths" ADD COLUMN "cell_id" integer;--> statement-breakpoint
ALTER TABLE "cells" ADD CONSTRAINT "cells_ac_fk" FOREIGN KEY ("ac_id","pc_id","state_id") REFERENCES "public"."assembly_seats"("id","pc_id","state_id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "cells" ADD CONSTRAINT "cells_ac_district_fk" FOREIGN KEY ("ac_id","district_id") REFERENCES "public"."assembly_seat_districts"("ac_id","district_id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "cells" ADD CONSTRAINT "cells_block_fk" FOREIGN KEY ("block_id","district_id") REFERENCES "public"."blocks"("id","district_id") ON DELETE no action ON UPDATE no action DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "booth_post_counters" ADD CONSTRAINT "booth_post_counters_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_post_counters" ADD CONSTRAINT "booth_post_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_post_counters" ADD CONSTRAINT "cell_post_counters_cell_id_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."cells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_post_counters" ADD CONSTRAINT "cell_post_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_counters" ADD CONSTRAINT "cell_counters_cell_id_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."cells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_counters" ADD CONSTRAINT "cell_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_day_counters" ADD CONSTRAINT "cell_day_counters_cell_id_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."cells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_day_counters" ADD CONSTRAINT "cell_day_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_review_counters" ADD CONSTRAINT "cell_review_counters_cell_id_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."cells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_review_counters" ADD CONSTRAINT "cell_review_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cells_state_idx" ON "cells" USING btree ("state_id");--> statement-breakpoint
CREATE INDEX "cells_district_idx" ON "cells" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "cells_block_idx" ON "cells" USING btree ("block_id");--> statement-breakpoint
CREATE INDEX "cell_counters_state_idx" ON "cell_counters" USING btree ("state_id");--> statement-breakpoint
ALTER TABLE "booths" ADD CONSTRAINT "booths_cell_id_cells_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."cells"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booths_cell_idx" ON "booths" USING btree ("cell_id");--> statement-breakpoint
-- Cells of the booths there are, and each booth's cell.
INSERT INTO "cells" ("state_id", "pc_id", "ac_id", "district_id", "block_id", "booths")
SELECT "state_id", "pc_id", "ac_id", "district_id", "block_id", count(*) FROM "booths"
GROUP BY "state_id", "pc_id", "ac_id", "district_id", "block_id" ORDER BY "ac_id", "district_id", "block_id";--> statement-breakpoint
UPDATE "booths" b SET "cell_id" = c."id" FROM "cells" c
WHERE c."ac_id" = b."ac_id" AND c."district_id" = b."district_id" AND c."block_id" IS NOT DISTINCT FROM b."block_id";--> statement-breakpoint
ALTER TABLE "booths" ALTER COLUMN "cell_id" SET NOT NULL;--> statement-breakpoint
-- The counters as they stand.
INSERT INTO "cell_counters" ("cell_id", "state_id", "members", "via_app", "via_book", "via_import", "cat_sc", "cat_st", "cat_obc", "cat_gen", "voided")
SELECT b."cell_id", min(c."state_id"), sum(c."members"), sum(c."via_app"), sum(c."via_book"), sum(c."via_import"),
       sum(c."cat_sc"), sum(c."cat_st"), sum(c."cat_obc"), sum(c."cat_gen"), sum(c."voided")
FROM "booth_counters" c JOIN "booths" b ON b."id" = c."booth_id" GROUP BY b."cell_id";--> statement-breakpoint
INSERT INTO "cell_review_counters" ("cell_id", "state_id", "under_review")
SELECT b."cell_id", min(r."state_id"), sum(r."under_review")
FROM "booth_review_counters" r JOIN "booths" b ON b."id" = r."booth_id" GROUP BY b."cell_id";--> statement-breakpoint
INSERT INTO "cell_day_counters" ("cell_id", "day", "state_id", "members")
SELECT b."cell_id", d."day", min(d."state_id"), sum(d."members")
FROM "booth_day_counters" d JOIN "booths" b ON b."id" = d."booth_id" GROUP BY b."cell_id", d."day";--> statement-breakpoint
INSERT INTO "booth_post_counters" ("booth_id", "state_id", "it_members", "enrollers")
SELECT "booth_id", min("state_id"), count(*) FILTER (WHERE "role" = 'it_member'), count(*) FILTER (WHERE "role" = 'enroller')
FROM "appointments" WHERE "ended_at" IS NULL AND "booth_id" IS NOT NULL AND "role" IN ('it_member', 'enroller')
GROUP BY "booth_id";--> statement-breakpoint
INSERT INTO "cell_post_counters" ("cell_id", "state_id", "covered", "enroller_booths", "enrollers")
SELECT b."cell_id", min(p."state_id"), count(*) FILTER (WHERE p."it_members" > 0), count(*) FILTER (WHERE p."enrollers" > 0), sum(p."enrollers")
FROM "booth_post_counters" p JOIN "booths" b ON b."id" = p."booth_id" GROUP BY b."cell_id";--> statement-breakpoint
-- A booth's cell comes from its own keys, whatever the writer sent. The cells' foreign keys are checked at commit,
-- so that a booth with a bad seat, district or block is refused by the booth's own constraint (and its name).
CREATE FUNCTION booths_cell() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT id INTO NEW.cell_id FROM cells
  WHERE ac_id = NEW.ac_id AND district_id = NEW.district_id AND block_id IS NOT DISTINCT FROM NEW.block_id;
  IF NEW.cell_id IS NULL THEN
    INSERT INTO cells (state_id, pc_id, ac_id, district_id, block_id)
    VALUES (NEW.state_id, NEW.pc_id, NEW.ac_id, NEW.district_id, NEW.block_id)
    ON CONFLICT ON CONSTRAINT cells_place DO NOTHING;
    SELECT id INTO NEW.cell_id FROM cells
    WHERE ac_id = NEW.ac_id AND district_id = NEW.district_id AND block_id IS NOT DISTINCT FROM NEW.block_id;
  END IF;
  RETURN NEW;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booths_cell BEFORE INSERT OR UPDATE OF state_id, pc_id, ac_id, district_id, block_id, cell_id ON booths
  FOR EACH ROW EXECUTE FUNCTION booths_cell();--> statement-breakpoint
-- How many booths each cell has, per statement (an import of 25,000 booths is one update per cell), cells locked
-- in id order like every counter row.
CREATE FUNCTION booths_cells_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH x AS (SELECT cell_id, count(*) AS n FROM new_rows GROUP BY cell_id),
  locked AS (SELECT c.id FROM cells c JOIN x ON x.cell_id = c.id ORDER BY c.id FOR UPDATE OF c)
  UPDATE cells c SET booths = c.booths + x.n FROM x WHERE c.id = x.cell_id AND c.id IN (SELECT id FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booths_cells_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH x AS (SELECT cell_id, count(*) AS n FROM old_rows GROUP BY cell_id),
  locked AS (SELECT c.id FROM cells c JOIN x ON x.cell_id = c.id ORDER BY c.id FOR UPDATE OF c)
  UPDATE cells c SET booths = c.booths - x.n FROM x WHERE c.id = x.cell_id AND c.id IN (SELECT id FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
-- Booths that move to another cell (a booth import correcting a block, district or seat) take their counters
-- along, set-based per statement: per cell, the moved booths' counters are added to the new cell and taken from
-- the old, rows locked in key order. The booth-level counter tables are locked first (SHARE ROW EXCLUSIVE), so a
-- sign-up, a review or an appointment in flight finishes before the move reads the booths' counters, and one
-- that starts later waits for the move to commit and then finds the booth in its new cell: no counter write can
-- land between a booth's cell and its counters. Moves are rare (imports); nothing else takes this lock.
CREATE FUNCTION booths_cells_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id) THEN
    RETURN NULL;
  END IF;
  LOCK TABLE booth_counters, booth_review_counters, booth_day_counters, booth_post_counters IN SHARE ROW EXCLUSIVE MODE;
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id), x AS (SELECT id, from_cell AS cell_id, -1 AS s FROM m UNION ALL SELECT id, to_cell, 1 FROM m),
  d AS (SELECT cell_id, sum(s) AS n FROM x GROUP BY cell_id HAVING sum(s) <> 0),
  locked AS (SELECT c.id FROM cells c JOIN d ON d.cell_id = c.id ORDER BY c.id FOR UPDATE OF c)
  UPDATE cells c SET booths = c.booths + d.n FROM d WHERE c.id = d.cell_id AND c.id IN (SELECT id FROM locked);
  -- Each counter table: a zero row where the new cell has none yet, then the change per cell in one UPDATE.
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id)
  INSERT INTO cell_counters (cell_id, state_id)
  SELECT DISTINCT m.to_cell, m.state_id FROM m JOIN booth_counters c ON c.booth_id = m.id ORDER BY 1
  ON CONFLICT (cell_id) DO NOTHING;
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id), x AS (SELECT id, from_cell AS cell_id, -1 AS s FROM m UNION ALL SELECT id, to_cell, 1 FROM m),
  d AS (SELECT x.cell_id, sum(x.s * c.members)::int AS members, sum(x.s * c.via_app)::int AS via_app, sum(x.s * c.via_book)::int AS via_book, sum(x.s * c.via_import)::int AS via_import, sum(x.s * c.cat_sc)::int AS cat_sc, sum(x.s * c.cat_st)::int AS cat_st, sum(x.s * c.cat_obc)::int AS cat_obc, sum(x.s * c.cat_gen)::int AS cat_gen, sum(x.s * c.voided)::int AS voided FROM x JOIN booth_counters c ON c.booth_id = x.id GROUP BY x.cell_id),
  locked AS (SELECT k.cell_id FROM cell_counters k JOIN d ON d.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k)
  UPDATE cell_counters k SET members = k.members + d.members, via_app = k.via_app + d.via_app, via_book = k.via_book + d.via_book, via_import = k.via_import + d.via_import, cat_sc = k.cat_sc + d.cat_sc, cat_st = k.cat_st + d.cat_st, cat_obc = k.cat_obc + d.cat_obc, cat_gen = k.cat_gen + d.cat_gen, voided = k.voided + d.voided
  FROM d WHERE d.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id)
  INSERT INTO cell_review_counters (cell_id, state_id)
  SELECT DISTINCT m.to_cell, m.state_id FROM m JOIN booth_review_counters c ON c.booth_id = m.id ORDER BY 1
  ON CONFLICT (cell_id) DO NOTHING;
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id), x AS (SELECT id, from_cell AS cell_id, -1 AS s FROM m UNION ALL SELECT id, to_cell, 1 FROM m),
  d AS (SELECT x.cell_id, sum(x.s * c.under_review)::int AS under_review FROM x JOIN booth_review_counters c ON c.booth_id = x.id GROUP BY x.cell_id),
  locked AS (SELECT k.cell_id FROM cell_review_counters k JOIN d ON d.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k)
  UPDATE cell_review_counters k SET under_review = k.under_review + d.under_review
  FROM d WHERE d.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id)
  INSERT INTO cell_day_counters (cell_id, day, state_id, members)
  SELECT DISTINCT m.to_cell, c.day, m.state_id, 0 FROM m JOIN booth_day_counters c ON c.booth_id = m.id ORDER BY 1, 2
  ON CONFLICT (cell_id, day) DO NOTHING;
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id), x AS (SELECT id, from_cell AS cell_id, -1 AS s FROM m UNION ALL SELECT id, to_cell, 1 FROM m),
  d AS (SELECT x.cell_id, c.day, sum(x.s * c.members)::int AS members FROM x JOIN booth_day_counters c ON c.booth_id = x.id GROUP BY x.cell_id, c.day),
  locked AS (SELECT k.cell_id, k.day FROM cell_day_counters k JOIN d ON d.cell_id = k.cell_id AND k.day = d.day ORDER BY k.cell_id, k.day FOR UPDATE OF k)
  UPDATE cell_day_counters k SET members = k.members + d.members
  FROM d WHERE d.cell_id = k.cell_id AND k.day = d.day AND (k.cell_id, k.day) IN (SELECT * FROM locked);
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id)
  INSERT INTO cell_post_counters (cell_id, state_id)
  SELECT DISTINCT m.to_cell, m.state_id FROM m JOIN booth_post_counters c ON c.booth_id = m.id ORDER BY 1
  ON CONFLICT (cell_id) DO NOTHING;
  WITH m AS (SELECT n.id, o.cell_id AS from_cell, n.cell_id AS to_cell, n.state_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.cell_id <> o.cell_id), x AS (SELECT id, from_cell AS cell_id, -1 AS s FROM m UNION ALL SELECT id, to_cell, 1 FROM m),
  d AS (SELECT x.cell_id, sum(x.s * (c.it_members > 0)::int)::int AS covered, sum(x.s * (c.enrollers > 0)::int)::int AS enroller_booths, sum(x.s * c.enrollers)::int AS enrollers FROM x JOIN booth_post_counters c ON c.booth_id = x.id GROUP BY x.cell_id),
  locked AS (SELECT k.cell_id FROM cell_post_counters k JOIN d ON d.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k)
  UPDATE cell_post_counters k SET covered = k.covered + d.covered, enroller_booths = k.enroller_booths + d.enroller_booths, enrollers = k.enrollers + d.enrollers
  FROM d WHERE d.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booths_cells_insert AFTER INSERT ON booths REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booths_cells_insert();--> statement-breakpoint
CREATE TRIGGER booths_cells_delete AFTER DELETE ON booths REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booths_cells_delete();--> statement-breakpoint
CREATE TRIGGER booths_cells_update AFTER UPDATE ON booths REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booths_cells_update();--> statement-breakpoint
-- Each statement's change to the booth-level counters, summed per cell and added to the cell rows in the same
-- transaction: once per statement, so a sign-up adds one small statement and an import batch one per table.
-- Inserts upsert (their numbers are never negative); updates and deletes change cell rows that exist (the booth
-- row's insert made them), locked in key order like every counter; a CHECK sees an INSERT's proposed row before
-- ON CONFLICT does, so a negative change is never proposed as an insert. A deleted booth row takes its numbers
-- from a cell row only if that row exists (`npm run recount -- --fix` empties the cells first and rebuilds).
CREATE FUNCTION booth_counters_to_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO cell_counters AS k (cell_id, state_id, members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided)
  SELECT b.cell_id, min(n.state_id), sum(n.members)::int, sum(n.via_app)::int, sum(n.via_book)::int, sum(n.via_import)::int, sum(n.cat_sc)::int, sum(n.cat_st)::int, sum(n.cat_obc)::int, sum(n.cat_gen)::int, sum(n.voided)::int
  FROM new_rows n JOIN booths b ON b.id = n.booth_id
  GROUP BY b.cell_id ORDER BY b.cell_id
  ON CONFLICT (cell_id) DO UPDATE SET members = k.members + EXCLUDED.members, via_app = k.via_app + EXCLUDED.via_app, via_book = k.via_book + EXCLUDED.via_book, via_import = k.via_import + EXCLUDED.via_import, cat_sc = k.cat_sc + EXCLUDED.cat_sc, cat_st = k.cat_st + EXCLUDED.cat_st, cat_obc = k.cat_obc + EXCLUDED.cat_obc, cat_gen = k.cat_gen + EXCLUDED.cat_gen, voided = k.voided + EXCLUDED.voided;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_counters_to_cell_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH d AS (
    SELECT b.cell_id, sum(n.members - o.members)::int AS members, sum(n.via_app - o.via_app)::int AS via_app, sum(n.via_book - o.via_book)::int AS via_book, sum(n.via_import - o.via_import)::int AS via_import, sum(n.cat_sc - o.cat_sc)::int AS cat_sc, sum(n.cat_st - o.cat_st)::int AS cat_st, sum(n.cat_obc - o.cat_obc)::int AS cat_obc, sum(n.cat_gen - o.cat_gen)::int AS cat_gen, sum(n.voided - o.voided)::int AS voided
    FROM new_rows n JOIN old_rows o ON o.booth_id = n.booth_id JOIN booths b ON b.id = n.booth_id
    GROUP BY b.cell_id
  ),
  changed AS (SELECT * FROM d WHERE (members, via_app, via_book, via_import, cat_sc, cat_st, cat_obc, cat_gen, voided) <> (0, 0, 0, 0, 0, 0, 0, 0, 0)),
  locked AS (
    SELECT k.cell_id FROM cell_counters k JOIN changed c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_counters k SET members = k.members + c.members, via_app = k.via_app + c.via_app, via_book = k.via_book + c.via_book, via_import = k.via_import + c.via_import, cat_sc = k.cat_sc + c.cat_sc, cat_st = k.cat_st + c.cat_st, cat_obc = k.cat_obc + c.cat_obc, cat_gen = k.cat_gen + c.cat_gen, voided = k.voided + c.voided
  FROM changed c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_counters_to_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH c AS (
    SELECT b.cell_id, sum(o.members)::int AS members, sum(o.via_app)::int AS via_app, sum(o.via_book)::int AS via_book, sum(o.via_import)::int AS via_import, sum(o.cat_sc)::int AS cat_sc, sum(o.cat_st)::int AS cat_st, sum(o.cat_obc)::int AS cat_obc, sum(o.cat_gen)::int AS cat_gen, sum(o.voided)::int AS voided
    FROM old_rows o JOIN booths b ON b.id = o.booth_id GROUP BY b.cell_id
  ),
  locked AS (
    SELECT k.cell_id FROM cell_counters k JOIN c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_counters k SET members = k.members - c.members, via_app = k.via_app - c.via_app, via_book = k.via_book - c.via_book, via_import = k.via_import - c.via_import, cat_sc = k.cat_sc - c.cat_sc, cat_st = k.cat_st - c.cat_st, cat_obc = k.cat_obc - c.cat_obc, cat_gen = k.cat_gen - c.cat_gen, voided = k.voided - c.voided
  FROM c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booth_counters_to_cell_insert AFTER INSERT ON booth_counters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_counters_to_cell_insert();--> statement-breakpoint
CREATE TRIGGER booth_counters_to_cell_update AFTER UPDATE ON booth_counters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_counters_to_cell_update();--> statement-breakpoint
CREATE TRIGGER booth_counters_to_cell_delete AFTER DELETE ON booth_counters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_counters_to_cell_delete();--> statement-breakpoint
CREATE FUNCTION booth_review_counters_to_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO cell_review_counters AS k (cell_id, state_id, under_review)
  SELECT b.cell_id, min(n.state_id), sum(n.under_review)::int
  FROM new_rows n JOIN booths b ON b.id = n.booth_id
  GROUP BY b.cell_id ORDER BY b.cell_id
  ON CONFLICT (cell_id) DO UPDATE SET under_review = k.under_review + EXCLUDED.under_review;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_review_counters_to_cell_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH d AS (
    SELECT b.cell_id, sum(n.under_review - o.under_review)::int AS under_review
    FROM new_rows n JOIN old_rows o ON o.booth_id = n.booth_id JOIN booths b ON b.id = n.booth_id
    GROUP BY b.cell_id
  ),
  changed AS (SELECT * FROM d WHERE (under_review) <> (0)),
  locked AS (
    SELECT k.cell_id FROM cell_review_counters k JOIN changed c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_review_counters k SET under_review = k.under_review + c.under_review
  FROM changed c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_review_counters_to_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH c AS (
    SELECT b.cell_id, sum(o.under_review)::int AS under_review
    FROM old_rows o JOIN booths b ON b.id = o.booth_id GROUP BY b.cell_id
  ),
  locked AS (
    SELECT k.cell_id FROM cell_review_counters k JOIN c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_review_counters k SET under_review = k.under_review - c.under_review
  FROM c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booth_review_counters_to_cell_insert AFTER INSERT ON booth_review_counters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_review_counters_to_cell_insert();--> statement-breakpoint
CREATE TRIGGER booth_review_counters_to_cell_update AFTER UPDATE ON booth_review_counters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_review_counters_to_cell_update();--> statement-breakpoint
CREATE TRIGGER booth_review_counters_to_cell_delete AFTER DELETE ON booth_review_counters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_review_counters_to_cell_delete();--> statement-breakpoint
CREATE FUNCTION booth_day_counters_to_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO cell_day_counters AS k (cell_id, day, state_id, members)
  SELECT b.cell_id, n.day, min(n.state_id), sum(n.members)::int
  FROM new_rows n JOIN booths b ON b.id = n.booth_id
  GROUP BY b.cell_id, n.day ORDER BY b.cell_id, n.day
  ON CONFLICT (cell_id, day) DO UPDATE SET members = k.members + EXCLUDED.members;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_day_counters_to_cell_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH d AS (
    SELECT b.cell_id, n.day, sum(n.members - o.members)::int AS members
    FROM new_rows n JOIN old_rows o ON o.booth_id = n.booth_id AND o.day = n.day JOIN booths b ON b.id = n.booth_id
    GROUP BY b.cell_id, n.day
  ),
  changed AS (SELECT * FROM d WHERE (members) <> (0)),
  locked AS (
    SELECT k.cell_id, k.day FROM cell_day_counters k JOIN changed c ON c.cell_id = k.cell_id AND c.day = k.day ORDER BY k.cell_id, k.day FOR UPDATE OF k
  )
  UPDATE cell_day_counters k SET members = k.members + c.members
  FROM changed c WHERE c.cell_id = k.cell_id AND c.day = k.day AND (k.cell_id, k.day) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_day_counters_to_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH c AS (
    SELECT b.cell_id, o.day, sum(o.members)::int AS members
    FROM old_rows o JOIN booths b ON b.id = o.booth_id GROUP BY b.cell_id, o.day
  ),
  locked AS (
    SELECT k.cell_id, k.day FROM cell_day_counters k JOIN c ON c.cell_id = k.cell_id AND c.day = k.day ORDER BY k.cell_id, k.day FOR UPDATE OF k
  )
  UPDATE cell_day_counters k SET members = k.members - c.members
  FROM c WHERE c.cell_id = k.cell_id AND c.day = k.day AND (k.cell_id, k.day) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booth_day_counters_to_cell_insert AFTER INSERT ON booth_day_counters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_day_counters_to_cell_insert();--> statement-breakpoint
CREATE TRIGGER booth_day_counters_to_cell_update AFTER UPDATE ON booth_day_counters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_day_counters_to_cell_update();--> statement-breakpoint
CREATE TRIGGER booth_day_counters_to_cell_delete AFTER DELETE ON booth_day_counters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_day_counters_to_cell_delete();--> statement-breakpoint
-- Active booth posts per booth, from every appointment written, ended or deleted: once per statement (the seed
-- and an import write thousands in one).
CREATE FUNCTION appointments_booth_posts_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO booth_post_counters AS p (booth_id, state_id, it_members, enrollers)
  SELECT booth_id, min(state_id), count(*) FILTER (WHERE role = 'it_member'), count(*) FILTER (WHERE role = 'enroller')
  FROM new_rows WHERE booth_id IS NOT NULL AND ended_at IS NULL AND role IN ('it_member', 'enroller')
  GROUP BY booth_id ORDER BY booth_id
  ON CONFLICT (booth_id) DO UPDATE SET it_members = p.it_members + EXCLUDED.it_members, enrollers = p.enrollers + EXCLUDED.enrollers;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION appointments_booth_posts_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- The posts an update or delete takes away (an update's new posts are added by the insert function's logic below).
  WITH gone AS (
    SELECT booth_id, count(*) FILTER (WHERE role = 'it_member') AS it_members, count(*) FILTER (WHERE role = 'enroller') AS enrollers
    FROM old_rows WHERE booth_id IS NOT NULL AND ended_at IS NULL AND role IN ('it_member', 'enroller') GROUP BY booth_id
  ),
  locked AS (SELECT p.booth_id FROM booth_post_counters p JOIN gone USING (booth_id) ORDER BY p.booth_id FOR UPDATE OF p)
  UPDATE booth_post_counters p SET it_members = p.it_members - g.it_members, enrollers = p.enrollers - g.enrollers
  FROM gone g WHERE p.booth_id = g.booth_id AND p.booth_id IN (SELECT booth_id FROM locked);
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO booth_post_counters AS p (booth_id, state_id, it_members, enrollers)
    SELECT booth_id, min(state_id), count(*) FILTER (WHERE role = 'it_member'), count(*) FILTER (WHERE role = 'enroller')
    FROM new_rows WHERE booth_id IS NOT NULL AND ended_at IS NULL AND role IN ('it_member', 'enroller')
    GROUP BY booth_id ORDER BY booth_id
    ON CONFLICT (booth_id) DO UPDATE SET it_members = p.it_members + EXCLUDED.it_members, enrollers = p.enrollers + EXCLUDED.enrollers;
  END IF;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER appointments_booth_posts_insert AFTER INSERT ON appointments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appointments_booth_posts_insert();--> statement-breakpoint
CREATE TRIGGER appointments_booth_posts_update AFTER UPDATE ON appointments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appointments_booth_posts_change();--> statement-breakpoint
CREATE TRIGGER appointments_booth_posts_delete AFTER DELETE ON appointments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appointments_booth_posts_change();--> statement-breakpoint
CREATE FUNCTION booth_post_counters_to_cell_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO cell_post_counters AS k (cell_id, state_id, covered, enroller_booths, enrollers)
  SELECT b.cell_id, min(n.state_id), sum((n.it_members > 0)::int)::int, sum((n.enrollers > 0)::int)::int, sum(n.enrollers)::int
  FROM new_rows n JOIN booths b ON b.id = n.booth_id
  GROUP BY b.cell_id ORDER BY b.cell_id
  ON CONFLICT (cell_id) DO UPDATE SET covered = k.covered + EXCLUDED.covered, enroller_booths = k.enroller_booths + EXCLUDED.enroller_booths, enrollers = k.enrollers + EXCLUDED.enrollers;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_post_counters_to_cell_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH d AS (
    SELECT b.cell_id, sum((n.it_members > 0)::int - (o.it_members > 0)::int)::int AS covered, sum((n.enrollers > 0)::int - (o.enrollers > 0)::int)::int AS enroller_booths, sum(n.enrollers - o.enrollers)::int AS enrollers
    FROM new_rows n JOIN old_rows o ON o.booth_id = n.booth_id JOIN booths b ON b.id = n.booth_id
    GROUP BY b.cell_id
  ),
  changed AS (SELECT * FROM d WHERE (covered, enroller_booths, enrollers) <> (0, 0, 0)),
  locked AS (
    SELECT k.cell_id FROM cell_post_counters k JOIN changed c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_post_counters k SET covered = k.covered + c.covered, enroller_booths = k.enroller_booths + c.enroller_booths, enrollers = k.enrollers + c.enrollers
  FROM changed c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE FUNCTION booth_post_counters_to_cell_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  WITH c AS (
    SELECT b.cell_id, sum((o.it_members > 0)::int)::int AS covered, sum((o.enrollers > 0)::int)::int AS enroller_booths, sum(o.enrollers)::int AS enrollers
    FROM old_rows o JOIN booths b ON b.id = o.booth_id GROUP BY b.cell_id
  ),
  locked AS (
    SELECT k.cell_id FROM cell_post_counters k JOIN c ON c.cell_id = k.cell_id ORDER BY k.cell_id FOR UPDATE OF k
  )
  UPDATE cell_post_counters k SET covered = k.covered - c.covered, enroller_booths = k.enroller_booths - c.enroller_booths, enrollers = k.enrollers - c.enrollers
  FROM c WHERE c.cell_id = k.cell_id AND (k.cell_id) IN (SELECT * FROM locked);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
CREATE TRIGGER booth_post_counters_to_cell_insert AFTER INSERT ON booth_post_counters REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_post_counters_to_cell_insert();--> statement-breakpoint
CREATE TRIGGER booth_post_counters_to_cell_update AFTER UPDATE ON booth_post_counters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_post_counters_to_cell_update();--> statement-breakpoint
CREATE TRIGGER booth_post_counters_to_cell_delete AFTER DELETE ON booth_post_counters REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION booth_post_counters_to_cell_delete();
