CREATE TABLE "legality_kind_settings" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"two_stage" boolean NOT NULL,
	"reason" text NOT NULL,
	"changed_by_id" uuid NOT NULL,
	"changed_by_name" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "legality_kind_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "legality_kind_settings_tenant_kind_idx" ON "legality_kind_settings" USING btree ("tenant_id","kind","changed_at");