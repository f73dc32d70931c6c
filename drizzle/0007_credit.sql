CREATE TABLE "credit_grade_history" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "credit_grade_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"credit_code" varchar(18) NOT NULL,
	"model_id" uuid NOT NULL,
	"model_version" integer NOT NULL,
	"score" numeric(10, 2) NOT NULL,
	"grade" varchar(1) NOT NULL,
	"previous_grade" varchar(1),
	"previous_score" numeric(10, 2),
	"cause" text NOT NULL,
	"cause_ref" text,
	"explanation" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_grade_history_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_measure_feedback" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"unit_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"context" text NOT NULL,
	"note" text NOT NULL,
	"acted_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_measure_feedback_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_measures" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"legal_basis" text NOT NULL,
	"grades" jsonb NOT NULL,
	"list_kinds" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_measures_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_models" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_models_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"subject_name" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"source_unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"document_no" text NOT NULL,
	"decided_on" date NOT NULL,
	"rules_version" text NOT NULL,
	"publicity_min_end" date,
	"publicity_end" date,
	"repairable" boolean NOT NULL,
	"origin" text NOT NULL,
	"origin_ref" text,
	"status" text DEFAULT 'active' NOT NULL,
	"repaired_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_regrade_runs" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"started_by" uuid,
	CONSTRAINT "credit_regrade_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_repairs" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"applied_on" date NOT NULL,
	"rules_version" text NOT NULL,
	"eligible_from" date NOT NULL,
	"correction" text NOT NULL,
	"commitment" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_on" date,
	"decision_reason" text,
	"decided_by" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_repairs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_rule_versions" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"basis" text NOT NULL,
	"effective_from" date NOT NULL,
	"periods" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_rule_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "credit_subjects" (
	"tenant_id" varchar(12) NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"score" numeric(10, 2),
	"grade" varchar(1),
	"model_id" uuid,
	"graded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credit_subjects_tenant_id_credit_code_pk" PRIMARY KEY("tenant_id","credit_code")
);
--> statement-breakpoint
ALTER TABLE "credit_measure_feedback" ADD CONSTRAINT "credit_measure_feedback_tenant_id_measure_id_credit_measures_tenant_id_id_fk" FOREIGN KEY ("tenant_id","measure_id") REFERENCES "public"."credit_measures"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_measure_feedback" ADD CONSTRAINT "credit_measure_feedback_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_measures" ADD CONSTRAINT "credit_measures_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_tenant_id_source_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","source_unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_tenant_id_credit_code_credit_subjects_tenant_id_credit_code_fk" FOREIGN KEY ("tenant_id","credit_code") REFERENCES "public"."credit_subjects"("tenant_id","credit_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_repairs" ADD CONSTRAINT "credit_repairs_tenant_id_record_id_credit_records_tenant_id_id_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."credit_records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_grade_history_tenant_code_idx" ON "credit_grade_history" USING btree ("tenant_id","credit_code","seq");--> statement-breakpoint
CREATE INDEX "credit_measure_feedback_tenant_unit_idx" ON "credit_measure_feedback" USING btree ("tenant_id","unit_id","acted_on");--> statement-breakpoint
CREATE INDEX "credit_measure_feedback_tenant_code_idx" ON "credit_measure_feedback" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "credit_measures_tenant_unit_idx" ON "credit_measures" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_models_tenant_version_uq" ON "credit_models" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE INDEX "credit_models_tenant_published_idx" ON "credit_models" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "credit_records_tenant_code_idx" ON "credit_records" USING btree ("tenant_id","credit_code");--> statement-breakpoint
CREATE INDEX "credit_records_tenant_unit_idx" ON "credit_records" USING btree ("tenant_id","source_unit_id","decided_on");--> statement-breakpoint
CREATE INDEX "credit_records_tenant_decided_idx" ON "credit_records" USING btree ("tenant_id","decided_on");--> statement-breakpoint
CREATE INDEX "credit_repairs_tenant_record_idx" ON "credit_repairs" USING btree ("tenant_id","record_id");--> statement-breakpoint
CREATE INDEX "credit_repairs_tenant_status_idx" ON "credit_repairs" USING btree ("tenant_id","status","applied_on");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_rule_versions_tenant_code_uq" ON "credit_rule_versions" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_rule_versions_tenant_effective_uq" ON "credit_rule_versions" USING btree ("tenant_id","effective_from");--> statement-breakpoint
CREATE INDEX "credit_subjects_tenant_name_idx" ON "credit_subjects" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "credit_subjects_tenant_grade_idx" ON "credit_subjects" USING btree ("tenant_id","grade");