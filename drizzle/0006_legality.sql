CREATE TABLE "legality_opinions" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"unit_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"outcome" text NOT NULL,
	"reasons" text NOT NULL,
	"basis" text NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"reviewer_name" text NOT NULL,
	"reviewed_on" date NOT NULL,
	"due_date" date,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "legality_opinions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "legality_opinions_tenant_case_idx" ON "legality_opinions" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "legality_opinions_tenant_kind_idx" ON "legality_opinions" USING btree ("tenant_id","kind","stage","outcome");