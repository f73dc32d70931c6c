CREATE TABLE "adviser_assignments" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"adviser_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "adviser_assignments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "adviser_meetings" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"adviser_id" uuid NOT NULL,
	"meeting_on" date NOT NULL,
	"meeting_name" text NOT NULL,
	"topics" text[] NOT NULL,
	"opinion" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "adviser_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "adviser_work_items" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"adviser_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"done_on" date NOT NULL,
	"title" text NOT NULL,
	"hours" numeric(6, 1),
	"outcome" text,
	"ref_type" text,
	"ref_id" text,
	"status" text NOT NULL,
	"void_reason" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "adviser_work_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "advisers" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"organisation" text NOT NULL,
	"home_unit_id" uuid,
	"licence_no" text NOT NULL,
	"licence_valid_from" date NOT NULL,
	"licence_valid_to" date NOT NULL,
	"phone_sealed" text,
	"expertise" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "adviser_assignments" ADD CONSTRAINT "adviser_assignments_tenant_id_adviser_id_advisers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","adviser_id") REFERENCES "public"."advisers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_assignments" ADD CONSTRAINT "adviser_assignments_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_meetings" ADD CONSTRAINT "adviser_meetings_tenant_id_adviser_id_advisers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","adviser_id") REFERENCES "public"."advisers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_meetings" ADD CONSTRAINT "adviser_meetings_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_work_items" ADD CONSTRAINT "adviser_work_items_tenant_id_adviser_id_advisers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","adviser_id") REFERENCES "public"."advisers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adviser_work_items" ADD CONSTRAINT "adviser_work_items_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisers" ADD CONSTRAINT "advisers_tenant_id_home_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","home_unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adviser_assignments_tenant_unit_idx" ON "adviser_assignments" USING btree ("tenant_id","unit_id","valid_from");--> statement-breakpoint
CREATE INDEX "adviser_assignments_tenant_adviser_idx" ON "adviser_assignments" USING btree ("tenant_id","adviser_id");--> statement-breakpoint
CREATE INDEX "adviser_meetings_tenant_on_idx" ON "adviser_meetings" USING btree ("tenant_id","meeting_on");--> statement-breakpoint
CREATE INDEX "adviser_meetings_tenant_adviser_idx" ON "adviser_meetings" USING btree ("tenant_id","adviser_id","meeting_on");--> statement-breakpoint
CREATE INDEX "adviser_work_items_tenant_on_idx" ON "adviser_work_items" USING btree ("tenant_id","done_on");--> statement-breakpoint
CREATE INDEX "adviser_work_items_tenant_adviser_idx" ON "adviser_work_items" USING btree ("tenant_id","adviser_id","done_on");--> statement-breakpoint
CREATE INDEX "adviser_work_items_tenant_unit_idx" ON "adviser_work_items" USING btree ("tenant_id","unit_id","done_on");--> statement-breakpoint
CREATE UNIQUE INDEX "advisers_tenant_licence_uq" ON "advisers" USING btree ("tenant_id","licence_no");--> statement-breakpoint
CREATE INDEX "advisers_tenant_name_idx" ON "advisers" USING btree ("tenant_id","name");