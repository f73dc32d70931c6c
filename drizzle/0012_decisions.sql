CREATE TABLE "decision_catalogue_adjustments" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_catalogue_adjustments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "decision_catalogue_items" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"proposing_unit_id" uuid NOT NULL,
	"proposing_unit_name" text NOT NULL,
	"description" text,
	"planned_quarter" integer,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_catalogue_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "decision_catalogues" (
	"tenant_id" varchar(12) NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"party_consent_on" date,
	"published_on" date,
	"published_by_name" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_catalogues_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
CREATE TABLE "decision_register" (
	"tenant_id" varchar(12) NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"title" text NOT NULL,
	"unit_name" text NOT NULL,
	"document_no" text NOT NULL,
	"published_on" date NOT NULL,
	"channel" text NOT NULL,
	"summary" text NOT NULL,
	"adoption_explanation" text,
	"catalogue_year" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "decision_register_tenant_id_case_id_pk" PRIMARY KEY("tenant_id","case_id")
);
--> statement-breakpoint
CREATE INDEX "decision_catalogue_adjustments_tenant_year_idx" ON "decision_catalogue_adjustments" USING btree ("tenant_id","year","created_at");--> statement-breakpoint
CREATE INDEX "decision_catalogue_items_tenant_year_idx" ON "decision_catalogue_items" USING btree ("tenant_id","year","seq");--> statement-breakpoint
CREATE INDEX "decision_register_tenant_published_idx" ON "decision_register" USING btree ("tenant_id","published_on");