CREATE TABLE "document_templates" (
	"tenant_id" varchar(12) NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"template" jsonb NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_templates_tenant_id_code_version_pk" PRIMARY KEY("tenant_id","code","version")
);
--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD COLUMN "payment_method" text;--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD COLUMN "review_authority" text;--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD COLUMN "court" text;