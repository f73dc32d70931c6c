CREATE TABLE "published_decisions" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"number" text NOT NULL,
	"party_name" text NOT NULL,
	"party_kind" text NOT NULL,
	"matter_name" text NOT NULL,
	"body_id" uuid NOT NULL,
	"body_name" text NOT NULL,
	"decided_on" date NOT NULL,
	"published_on" date NOT NULL,
	"public_text" text NOT NULL,
	"penalty_summary" text NOT NULL,
	"fine_amount" numeric(14, 2),
	"status" text DEFAULT 'published' NOT NULL,
	"withdrawn_on" date,
	"withdrawal_reason" text,
	"withdrawal_basis" text,
	"reviewed_by" text NOT NULL,
	"search_tokens" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "published_decisions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "published_decisions_tenant_published_idx" ON "published_decisions" USING btree ("tenant_id","published_on","id");--> statement-breakpoint
CREATE INDEX "published_decisions_tenant_case_idx" ON "published_decisions" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "published_decisions_search_gin" ON "published_decisions" USING gin ("search_tokens");