CREATE TABLE "daily_job_runs" (
	"tenant_id" varchar(12) NOT NULL,
	"job" text NOT NULL,
	"day" varchar(10) NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"result" jsonb NOT NULL,
	CONSTRAINT "daily_job_runs_tenant_id_job_day_pk" PRIMARY KEY("tenant_id","job","day")
);
--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "publicity_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "redraws" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "credit_records_tenant_publicity_end_idx" ON "credit_records" USING btree ("tenant_id","publicity_end");--> statement-breakpoint
CREATE INDEX "inspection_results_tenant_due_idx" ON "inspection_results" USING btree ("tenant_id","publish_due");