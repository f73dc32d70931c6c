CREATE TABLE "inspection_tasks" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"pick" integer NOT NULL,
	"pool_ids" jsonb NOT NULL,
	"pool_codes" jsonb NOT NULL,
	"pool_hash" varchar(64) NOT NULL,
	"sources" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"source_values" jsonb,
	"selected" jsonb,
	"draw_key" text,
	"drawn_at" timestamp with time zone,
	"status" text DEFAULT 'published' NOT NULL,
	CONSTRAINT "inspection_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_entities" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"uscc" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"entity_type" text NOT NULL,
	"industry" text NOT NULL,
	"address" text NOT NULL,
	"town_id" uuid NOT NULL,
	"legal_representative" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_entities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_entities" ADD CONSTRAINT "inspection_entities_tenant_id_town_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","town_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_entities" ADD CONSTRAINT "inspection_entities_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_tasks_tenant_published_idx" ON "inspection_tasks" USING btree ("tenant_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_entities_tenant_uscc_uq" ON "inspection_entities" USING btree ("tenant_id","uscc");--> statement-breakpoint
CREATE INDEX "inspection_entities_tenant_town_idx" ON "inspection_entities" USING btree ("tenant_id","town_id");--> statement-breakpoint
CREATE INDEX "inspection_entities_tenant_unit_idx" ON "inspection_entities" USING btree ("tenant_id","unit_id");