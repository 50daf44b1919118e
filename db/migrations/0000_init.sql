CREATE TABLE "assembly_seat_districts" (
	"ac_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	CONSTRAINT "assembly_seat_districts_ac_id_district_id_pk" PRIMARY KEY("ac_id","district_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_seats" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"pc_id" integer NOT NULL,
	"no" smallint NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	"reserved" text DEFAULT 'GEN' NOT NULL,
	CONSTRAINT "assembly_seats_state_no" UNIQUE("state_id","no"),
	CONSTRAINT "assembly_seats_id_pc_state" UNIQUE("id","pc_id","state_id"),
	CONSTRAINT "assembly_seats_no_positive" CHECK ("assembly_seats"."no" > 0),
	CONSTRAINT "assembly_seats_reserved" CHECK ("assembly_seats"."reserved" IN ('GEN', 'SC', 'ST')),
	CONSTRAINT "assembly_seats_name_present" CHECK (length(btrim("assembly_seats"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "blocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"district_id" integer NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	CONSTRAINT "blocks_district_name" UNIQUE("district_id","name"),
	CONSTRAINT "blocks_id_district" UNIQUE("id","district_id"),
	CONSTRAINT "blocks_name_present" CHECK (length(btrim("blocks"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "booths" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"pc_id" integer NOT NULL,
	"ac_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"block_id" integer,
	"part_no" smallint NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "booths_state_ac_part" UNIQUE("state_id","ac_id","part_no"),
	CONSTRAINT "booths_state_code" UNIQUE("state_id","code"),
	CONSTRAINT "booths_id_scope" UNIQUE("id","ac_id","district_id"),
	CONSTRAINT "booths_part_positive" CHECK ("booths"."part_no" > 0),
	CONSTRAINT "booths_code_format" CHECK ("booths"."code" ~ '^[0-9]{3}-[0-9]{3,4}$'),
	CONSTRAINT "booths_name_present" CHECK (length(btrim("booths"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	CONSTRAINT "districts_state_slug" UNIQUE("state_id","slug"),
	CONSTRAINT "districts_id_state" UNIQUE("id","state_id"),
	CONSTRAINT "districts_slug_format" CHECK ("districts"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "lok_sabha_seats" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"no" smallint NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	"reserved" text DEFAULT 'GEN' NOT NULL,
	CONSTRAINT "lok_sabha_seats_state_no" UNIQUE("state_id","no"),
	CONSTRAINT "lok_sabha_seats_id_state" UNIQUE("id","state_id"),
	CONSTRAINT "lok_sabha_seats_no_positive" CHECK ("lok_sabha_seats"."no" > 0),
	CONSTRAINT "lok_sabha_seats_reserved" CHECK ("lok_sabha_seats"."reserved" IN ('GEN', 'SC', 'ST')),
	CONSTRAINT "lok_sabha_seats_name_present" CHECK (length(btrim("lok_sabha_seats"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "states" (
	"id" smallint PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_hi" text NOT NULL,
	"lok_sabha_seats" smallint NOT NULL,
	"assembly_seats" smallint NOT NULL,
	CONSTRAINT "states_code_unique" UNIQUE("code"),
	CONSTRAINT "states_code_format" CHECK ("states"."code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "states_seats_positive" CHECK ("states"."lok_sabha_seats" > 0 AND "states"."assembly_seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"state_id" smallint,
	"actor_user_id" integer,
	"actor_label" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_events_actor_present" CHECK ("audit_events"."actor_user_id" IS NOT NULL OR "audit_events"."actor_label" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"state_id" smallint NOT NULL,
	"scope_level" text NOT NULL,
	"pc_id" integer,
	"ac_id" integer,
	"district_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role" CHECK ("users"."role" IN ('leadership', 'district_president', 'it_head', 'admin')),
	CONSTRAINT "users_scope_level" CHECK ("users"."scope_level" IN ('state', 'pc', 'ac', 'district')),
	CONSTRAINT "users_scope_unit" CHECK (("users"."pc_id" IS NOT NULL) = ("users"."scope_level" = 'pc')
        AND ("users"."ac_id" IS NOT NULL) = ("users"."scope_level" = 'ac')
        AND ("users"."district_id" IS NOT NULL) = ("users"."scope_level" = 'district')),
	CONSTRAINT "users_role_scope" CHECK (CASE "users"."role"
        WHEN 'district_president' THEN "users"."scope_level" = 'district'
        WHEN 'leadership' THEN "users"."scope_level" = 'state'
        WHEN 'admin' THEN "users"."scope_level" = 'state'
        ELSE true END),
	CONSTRAINT "users_email_format" CHECK ("users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"worker_id" integer NOT NULL,
	"role" text NOT NULL,
	"pc_id" integer,
	"ac_id" integer,
	"district_id" integer,
	"block_id" integer,
	"booth_id" integer,
	"appointed_by" integer,
	"appointed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" integer,
	"ended_reason" text,
	CONSTRAINT "appointments_role" CHECK ("appointments"."role" IN ('chief_enroller', 'enroller', 'it_president', 'it_member')),
	CONSTRAINT "appointments_exactly_one_unit" CHECK (num_nonnulls("appointments"."pc_id", "appointments"."ac_id", "appointments"."district_id", "appointments"."block_id", "appointments"."booth_id") = 1),
	CONSTRAINT "appointments_role_level" CHECK (CASE "appointments"."role"
        WHEN 'chief_enroller' THEN "appointments"."district_id" IS NOT NULL OR "appointments"."block_id" IS NOT NULL
        WHEN 'enroller' THEN "appointments"."booth_id" IS NOT NULL
        WHEN 'it_president' THEN "appointments"."pc_id" IS NOT NULL OR "appointments"."ac_id" IS NOT NULL OR "appointments"."district_id" IS NOT NULL
        WHEN 'it_member' THEN "appointments"."block_id" IS NOT NULL OR "appointments"."booth_id" IS NOT NULL
        ELSE false END),
	CONSTRAINT "appointments_end_after_start" CHECK ("appointments"."ended_at" IS NULL OR "appointments"."ended_at" >= "appointments"."appointed_at")
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"training_id" integer NOT NULL,
	"worker_id" integer NOT NULL,
	"state_id" smallint NOT NULL,
	"days_attended" smallint DEFAULT 1 NOT NULL,
	"marked_by" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_training_id_worker_id_pk" PRIMARY KEY("training_id","worker_id"),
	CONSTRAINT "training_attendance_days" CHECK ("training_attendance"."days_attended" > 0)
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"level" text NOT NULL,
	"district_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_level" CHECK ("trainings"."level" IN ('state', 'district', 'block')),
	CONSTRAINT "trainings_dates" CHECK ("trainings"."ends_on" >= "trainings"."starts_on"),
	CONSTRAINT "trainings_district_for_level" CHECK (("trainings"."level" = 'state') = ("trainings"."district_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "workers" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"epic" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workers_phone_indian_mobile" CHECK ("workers"."phone" ~ '^[6-9][0-9]{9}$'),
	CONSTRAINT "workers_epic_upper" CHECK ("workers"."epic" IS NULL OR "workers"."epic" = upper("workers"."epic")),
	CONSTRAINT "workers_name_present" CHECK (length(btrim("workers"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"name" text NOT NULL,
	"name_hi" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_dates" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"campaign_id" integer NOT NULL,
	"level" text NOT NULL,
	"pc_id" integer,
	"ac_id" integer,
	"district_id" integer,
	"block_id" integer,
	"booth_id" integer,
	"members" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_level" CHECK ("targets"."level" IN ('state', 'pc', 'ac', 'district', 'block', 'booth')),
	CONSTRAINT "targets_members_nonnegative" CHECK ("targets"."members" >= 0),
	CONSTRAINT "targets_unit_matches_level" CHECK (("targets"."pc_id" IS NOT NULL) = ("targets"."level" = 'pc')
        AND ("targets"."ac_id" IS NOT NULL) = ("targets"."level" = 'ac')
        AND ("targets"."district_id" IS NOT NULL) = ("targets"."level" = 'district')
        AND ("targets"."block_id" IS NOT NULL) = ("targets"."level" = 'block')
        AND ("targets"."booth_id" IS NOT NULL) = ("targets"."level" = 'booth'))
);
--> statement-breakpoint
CREATE TABLE "ac_day_counters" (
	"ac_id" integer NOT NULL,
	"day" date NOT NULL,
	"state_id" smallint NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "ac_day_counters_ac_id_day_pk" PRIMARY KEY("ac_id","day"),
	CONSTRAINT "ac_day_counters_nonnegative" CHECK ("ac_day_counters"."members" >= 0)
);
--> statement-breakpoint
CREATE TABLE "booth_counters" (
	"booth_id" integer PRIMARY KEY NOT NULL,
	"state_id" smallint NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"via_app" integer DEFAULT 0 NOT NULL,
	"via_book" integer DEFAULT 0 NOT NULL,
	"via_import" integer DEFAULT 0 NOT NULL,
	"cat_sc" integer DEFAULT 0 NOT NULL,
	"cat_st" integer DEFAULT 0 NOT NULL,
	"cat_obc" integer DEFAULT 0 NOT NULL,
	"cat_gen" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booth_counters_nonnegative" CHECK ("booth_counters"."members" >= 0),
	CONSTRAINT "booth_counters_channels_add_up" CHECK ("booth_counters"."members" = "booth_counters"."via_app" + "booth_counters"."via_book" + "booth_counters"."via_import"),
	CONSTRAINT "booth_counters_categories_add_up" CHECK ("booth_counters"."members" = "booth_counters"."cat_sc" + "booth_counters"."cat_st" + "booth_counters"."cat_obc" + "booth_counters"."cat_gen")
);
--> statement-breakpoint
CREATE TABLE "booth_day_counters" (
	"booth_id" integer NOT NULL,
	"day" date NOT NULL,
	"state_id" smallint NOT NULL,
	"district_id" integer NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "booth_day_counters_booth_id_day_pk" PRIMARY KEY("booth_id","day"),
	CONSTRAINT "booth_day_counters_nonnegative" CHECK ("booth_day_counters"."members" >= 0)
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" bigint PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"state_id" smallint NOT NULL,
	"membership_no" text NOT NULL,
	"epic" text NOT NULL,
	"name" text,
	"relative_name" text,
	"gender" text NOT NULL,
	"age" smallint NOT NULL,
	"phone" text,
	"address" text,
	"religion" text,
	"caste" text,
	"caste_category" text NOT NULL,
	"photo" "bytea",
	"booth_id" integer NOT NULL,
	"ac_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"enrolled_by_worker_id" integer,
	"channel" text NOT NULL,
	"book_no" text,
	"page_no" smallint,
	"idempotency_key" text,
	"consent_version" text NOT NULL,
	"consent_lang" text DEFAULT 'hi' NOT NULL,
	"consent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enrolled_on" date DEFAULT ((now() AT TIME ZONE 'UTC') + interval '5 hours 30 minutes')::date NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "members_membership_no" UNIQUE("membership_no"),
	CONSTRAINT "members_state_epic" UNIQUE("state_id","epic"),
	CONSTRAINT "members_state_idempotency_key" UNIQUE("state_id","idempotency_key"),
	CONSTRAINT "members_membership_no_format" CHECK ("members"."membership_no" ~ '^[A-Z]{2}[0-9]{2}-[0-9]{7,}$'),
	CONSTRAINT "members_epic_format" CHECK ("members"."epic" ~ '^[A-Z0-9/-]{6,24}$'),
	CONSTRAINT "members_gender" CHECK ("members"."gender" IN ('F', 'M', 'O')),
	CONSTRAINT "members_age" CHECK ("members"."age" BETWEEN 18 AND 120),
	CONSTRAINT "members_caste_category" CHECK ("members"."caste_category" IN ('SC', 'ST', 'OBC', 'GEN')),
	CONSTRAINT "members_channel" CHECK ("members"."channel" IN ('app', 'book', 'import')),
	CONSTRAINT "members_phone_format" CHECK ("members"."phone" IS NULL OR "members"."phone" ~ '^[6-9][0-9]{9}$'),
	CONSTRAINT "members_personal_data_present" CHECK ("members"."erased_at" IS NOT NULL OR ("members"."name" IS NOT NULL AND length(btrim("members"."name")) > 0)),
	CONSTRAINT "members_book_reference" CHECK (("members"."channel" = 'book') = ("members"."book_no" IS NOT NULL AND "members"."page_no" IS NOT NULL)),
	CONSTRAINT "members_page_positive" CHECK ("members"."page_no" IS NULL OR "members"."page_no" > 0)
);
--> statement-breakpoint
ALTER TABLE "assembly_seat_districts" ADD CONSTRAINT "assembly_seat_districts_ac_id_assembly_seats_id_fk" FOREIGN KEY ("ac_id") REFERENCES "public"."assembly_seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_seat_districts" ADD CONSTRAINT "assembly_seat_districts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_seats" ADD CONSTRAINT "assembly_seats_pc_fk" FOREIGN KEY ("pc_id","state_id") REFERENCES "public"."lok_sabha_seats"("id","state_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_district_fk" FOREIGN KEY ("district_id","state_id") REFERENCES "public"."districts"("id","state_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booths" ADD CONSTRAINT "booths_ac_fk" FOREIGN KEY ("ac_id","pc_id","state_id") REFERENCES "public"."assembly_seats"("id","pc_id","state_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booths" ADD CONSTRAINT "booths_ac_district_fk" FOREIGN KEY ("ac_id","district_id") REFERENCES "public"."assembly_seat_districts"("ac_id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booths" ADD CONSTRAINT "booths_block_fk" FOREIGN KEY ("block_id","district_id") REFERENCES "public"."blocks"("id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "districts" ADD CONSTRAINT "districts_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lok_sabha_seats" ADD CONSTRAINT "lok_sabha_seats_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pc_id_lok_sabha_seats_id_fk" FOREIGN KEY ("pc_id") REFERENCES "public"."lok_sabha_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_ac_id_assembly_seats_id_fk" FOREIGN KEY ("ac_id") REFERENCES "public"."assembly_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_pc_id_lok_sabha_seats_id_fk" FOREIGN KEY ("pc_id") REFERENCES "public"."lok_sabha_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_ac_id_assembly_seats_id_fk" FOREIGN KEY ("ac_id") REFERENCES "public"."assembly_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_block_id_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."blocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_appointed_by_users_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workers" ADD CONSTRAINT "workers_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_pc_id_lok_sabha_seats_id_fk" FOREIGN KEY ("pc_id") REFERENCES "public"."lok_sabha_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_ac_id_assembly_seats_id_fk" FOREIGN KEY ("ac_id") REFERENCES "public"."assembly_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_block_id_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."blocks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ac_day_counters" ADD CONSTRAINT "ac_day_counters_ac_id_assembly_seats_id_fk" FOREIGN KEY ("ac_id") REFERENCES "public"."assembly_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ac_day_counters" ADD CONSTRAINT "ac_day_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_counters" ADD CONSTRAINT "booth_counters_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_counters" ADD CONSTRAINT "booth_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_day_counters" ADD CONSTRAINT "booth_day_counters_booth_id_booths_id_fk" FOREIGN KEY ("booth_id") REFERENCES "public"."booths"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_day_counters" ADD CONSTRAINT "booth_day_counters_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_day_counters" ADD CONSTRAINT "booth_day_counters_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_state_id_states_id_fk" FOREIGN KEY ("state_id") REFERENCES "public"."states"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_enrolled_by_worker_id_workers_id_fk" FOREIGN KEY ("enrolled_by_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_booth_fk" FOREIGN KEY ("booth_id","ac_id","district_id") REFERENCES "public"."booths"("id","ac_id","district_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assembly_seat_districts_district_idx" ON "assembly_seat_districts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "assembly_seats_pc_idx" ON "assembly_seats" USING btree ("pc_id");--> statement-breakpoint
CREATE INDEX "booths_pc_idx" ON "booths" USING btree ("pc_id");--> statement-breakpoint
CREATE INDEX "booths_ac_idx" ON "booths" USING btree ("ac_id");--> statement-breakpoint
CREATE INDEX "booths_district_idx" ON "booths" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "booths_block_idx" ON "booths" USING btree ("block_id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_chief_enroller_district" ON "appointments" USING btree ("district_id") WHERE "appointments"."role" = 'chief_enroller' AND "appointments"."ended_at" IS NULL AND "appointments"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_chief_enroller_block" ON "appointments" USING btree ("block_id") WHERE "appointments"."role" = 'chief_enroller' AND "appointments"."ended_at" IS NULL AND "appointments"."block_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_it_president_pc" ON "appointments" USING btree ("pc_id") WHERE "appointments"."role" = 'it_president' AND "appointments"."ended_at" IS NULL AND "appointments"."pc_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_it_president_ac" ON "appointments" USING btree ("ac_id") WHERE "appointments"."role" = 'it_president' AND "appointments"."ended_at" IS NULL AND "appointments"."ac_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_it_president_district" ON "appointments" USING btree ("district_id") WHERE "appointments"."role" = 'it_president' AND "appointments"."ended_at" IS NULL AND "appointments"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_it_member_booth" ON "appointments" USING btree ("booth_id") WHERE "appointments"."role" = 'it_member' AND "appointments"."ended_at" IS NULL AND "appointments"."booth_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_worker_post_active" ON "appointments" USING btree ("worker_id","role",coalesce("pc_id", "ac_id", "district_id", "block_id", "booth_id")) WHERE "appointments"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "appointments_booth_idx" ON "appointments" USING btree ("booth_id");--> statement-breakpoint
CREATE INDEX "appointments_block_idx" ON "appointments" USING btree ("block_id");--> statement-breakpoint
CREATE INDEX "appointments_district_idx" ON "appointments" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "appointments_worker_idx" ON "appointments" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "training_attendance_worker_idx" ON "training_attendance" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "trainings_district_idx" ON "trainings" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "workers_phone_idx" ON "workers" USING btree ("state_id","phone");--> statement-breakpoint
CREATE INDEX "campaigns_state_idx" ON "campaigns" USING btree ("state_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_state_unique" ON "targets" USING btree ("campaign_id") WHERE "targets"."level" = 'state';--> statement-breakpoint
CREATE UNIQUE INDEX "targets_pc_unique" ON "targets" USING btree ("campaign_id","pc_id") WHERE "targets"."pc_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_ac_unique" ON "targets" USING btree ("campaign_id","ac_id") WHERE "targets"."ac_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_district_unique" ON "targets" USING btree ("campaign_id","district_id") WHERE "targets"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_block_unique" ON "targets" USING btree ("campaign_id","block_id") WHERE "targets"."block_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_booth_unique" ON "targets" USING btree ("campaign_id","booth_id") WHERE "targets"."booth_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ac_day_counters_state_day_idx" ON "ac_day_counters" USING btree ("state_id","day");--> statement-breakpoint
CREATE INDEX "booth_counters_state_idx" ON "booth_counters" USING btree ("state_id");--> statement-breakpoint
CREATE INDEX "booth_day_counters_district_day_idx" ON "booth_day_counters" USING btree ("district_id","day");--> statement-breakpoint
CREATE INDEX "members_booth_idx" ON "members" USING btree ("booth_id");--> statement-breakpoint
CREATE INDEX "members_district_idx" ON "members" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "members_ac_idx" ON "members" USING btree ("ac_id");--> statement-breakpoint
CREATE INDEX "members_phone_idx" ON "members" USING btree ("state_id","phone");