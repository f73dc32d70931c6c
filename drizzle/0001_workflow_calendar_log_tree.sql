CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"data" jsonb NOT NULL,
	"loaded_at" timestamp with time zone NOT NULL,
	"loaded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_rule_overrides" (
	"tenant_id" varchar(12) NOT NULL,
	"code" text NOT NULL,
	"rule" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "deadline_rule_overrides_tenant_id_code_pk" PRIMARY KEY("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "log_hashes" (
	"tenant_id" varchar(12) NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_hashes_tenant_id_idx_pk" PRIMARY KEY("tenant_id","idx")
);
--> statement-breakpoint
CREATE TABLE "log_heads" (
	"tenant_id" varchar(12) PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"checkpoint" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_deadlines" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"key" text NOT NULL,
	"rule" jsonb NOT NULL,
	"start_date" varchar(10) NOT NULL,
	"events" jsonb NOT NULL,
	"due_date" varchar(10),
	"status" text NOT NULL,
	"met_on" varchar(10),
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_deadlines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"tenant_id" varchar(12) NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"label" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"log_entry_id" uuid,
	CONSTRAINT "case_events_tenant_id_case_id_seq_pk" PRIMARY KEY("tenant_id","case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "case_records" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"state" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"owner_id" uuid,
	"data" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cases_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "counters" (
	"tenant_id" varchar(12) NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "counters_tenant_id_key_pk" PRIMARY KEY("tenant_id","key")
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "timers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "case_deadlines_tenant_case_key_uq" ON "case_deadlines" USING btree ("tenant_id","case_id","key");--> statement-breakpoint
CREATE INDEX "case_deadlines_tenant_status_due_idx" ON "case_deadlines" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "case_records_tenant_case_idx" ON "case_records" USING btree ("tenant_id","case_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_tenant_type_number_uq" ON "cases" USING btree ("tenant_id","type","number");--> statement-breakpoint
CREATE INDEX "cases_tenant_type_state_idx" ON "cases" USING btree ("tenant_id","type","state");--> statement-breakpoint
CREATE INDEX "cases_tenant_unit_idx" ON "cases" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE INDEX "cases_tenant_owner_idx" ON "cases" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "timers_tenant_due_idx" ON "timers" USING btree ("tenant_id","status","fire_at");