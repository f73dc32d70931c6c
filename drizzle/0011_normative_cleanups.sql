CREATE TABLE "normative_cleanup_items" (
	"tenant_id" varchar(12) NOT NULL,
	"cleanup_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"issuer_name" text NOT NULL,
	"outcome" text,
	"reason" text,
	"decided_on" date,
	"decided_by_name" text,
	CONSTRAINT "normative_cleanup_items_tenant_id_cleanup_id_case_id_pk" PRIMARY KEY("tenant_id","cleanup_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "normative_cleanups" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"opened_on" date NOT NULL,
	"status" text NOT NULL,
	"document_count" integer NOT NULL,
	"opened_by_name" text NOT NULL,
	"published_on" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "normative_cleanups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "normative_cleanup_items_tenant_outcome_idx" ON "normative_cleanup_items" USING btree ("tenant_id","cleanup_id","outcome");--> statement-breakpoint
CREATE INDEX "normative_cleanups_tenant_opened_idx" ON "normative_cleanups" USING btree ("tenant_id","opened_on");