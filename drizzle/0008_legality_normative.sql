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
CREATE TABLE "normative_comments" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"clause_no" integer NOT NULL,
	"content" text NOT NULL,
	"commenter_masked" text NOT NULL,
	"commenter_hash" text,
	"source_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disposition" text,
	"disposition_reason" text,
	"disposed_by_name" text,
	"disposed_at" timestamp with time zone,
	CONSTRAINT "normative_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "normative_register" (
	"tenant_id" varchar(12) NOT NULL,
	"case_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"issuer_name" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"registered_on" date NOT NULL,
	"status" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"body" text,
	"published_on" date,
	"effective_on" date,
	"expires_on" date,
	"filed_on" date,
	"filing_accepted_on" date,
	"search_tokens" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "normative_register_tenant_id_case_id_pk" PRIMARY KEY("tenant_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "normative_sequences" (
	"tenant_id" varchar(12) NOT NULL,
	"issuer" text NOT NULL,
	"year" integer NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "normative_sequences_tenant_id_issuer_year_pk" PRIMARY KEY("tenant_id","issuer","year")
);
--> statement-breakpoint
CREATE TABLE "normative_settings" (
	"tenant_id" varchar(12) NOT NULL,
	"number_format" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "normative_settings_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "normative_versions" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"note" text,
	"author_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "normative_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "legality_opinions_tenant_case_idx" ON "legality_opinions" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "legality_opinions_tenant_kind_idx" ON "legality_opinions" USING btree ("tenant_id","kind","stage","outcome");--> statement-breakpoint
CREATE INDEX "normative_comments_tenant_case_idx" ON "normative_comments" USING btree ("tenant_id","case_id","clause_no");--> statement-breakpoint
CREATE INDEX "normative_comments_tenant_source_idx" ON "normative_comments" USING btree ("tenant_id","source_hash","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "normative_register_tenant_number_uq" ON "normative_register" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "normative_register_tenant_status_idx" ON "normative_register" USING btree ("tenant_id","status","published_on");--> statement-breakpoint
CREATE INDEX "normative_register_tenant_filed_idx" ON "normative_register" USING btree ("tenant_id","filed_on");--> statement-breakpoint
CREATE INDEX "normative_register_search_gin" ON "normative_register" USING gin ("search_tokens");--> statement-breakpoint
CREATE UNIQUE INDEX "normative_versions_tenant_case_no_uq" ON "normative_versions" USING btree ("tenant_id","case_id","version_no");