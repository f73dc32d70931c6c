CREATE TABLE "enforcement_case_reviews" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_type" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"body_id" uuid,
	"reviewer_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"items" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"total" numeric(5, 1) NOT NULL,
	"grade" text NOT NULL,
	"comment" text NOT NULL,
	"rectification" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_case_reviews_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enforcement_score_sheets" (
	"tenant_id" varchar(12) NOT NULL,
	"items" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_score_sheets_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "enforcement_case_reviews" ADD CONSTRAINT "enforcement_case_reviews_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_case_reviews" ADD CONSTRAINT "enforcement_case_reviews_tenant_id_reviewer_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","reviewer_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enforcement_case_reviews_tenant_case_idx" ON "enforcement_case_reviews" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "enforcement_case_reviews_tenant_body_idx" ON "enforcement_case_reviews" USING btree ("tenant_id","body_id","reviewed_on");