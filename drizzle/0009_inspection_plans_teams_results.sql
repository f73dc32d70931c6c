CREATE TABLE "inspection_conflicts" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"declared_by" uuid NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_conflicts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_items" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"code" varchar(40) NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"legal_basis" text NOT NULL,
	"method" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_plans" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"item_ids" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inspection_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "inspection_results" (
	"tenant_id" varchar(12) NOT NULL,
	"task_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"findings" text NOT NULL,
	"inspected_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"case_id" uuid,
	"publish_due" date NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "inspection_results_tenant_id_task_id_entity_id_pk" PRIMARY KEY("tenant_id","task_id","entity_id")
);
--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "item_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "joint_unit_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "ratios" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "pool_grades" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "strata" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "roster_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "roster_labels" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "recuse_town_officers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "inspection_date" date;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "teams" jsonb;--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD COLUMN "teams_drawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inspection_conflicts" ADD CONSTRAINT "inspection_conflicts_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_conflicts" ADD CONSTRAINT "inspection_conflicts_tenant_id_entity_id_inspection_entities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","entity_id") REFERENCES "public"."inspection_entities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_items" ADD CONSTRAINT "inspection_items_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_plans" ADD CONSTRAINT "inspection_plans_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_tenant_id_task_id_inspection_tasks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."inspection_tasks"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_results" ADD CONSTRAINT "inspection_results_tenant_id_entity_id_inspection_entities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","entity_id") REFERENCES "public"."inspection_entities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_conflicts_tenant_user_entity_uq" ON "inspection_conflicts" USING btree ("tenant_id","user_id","entity_id");--> statement-breakpoint
CREATE INDEX "inspection_conflicts_tenant_entity_idx" ON "inspection_conflicts" USING btree ("tenant_id","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_items_tenant_code_uq" ON "inspection_items" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "inspection_items_tenant_unit_idx" ON "inspection_items" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_plans_tenant_unit_title_uq" ON "inspection_plans" USING btree ("tenant_id","unit_id","title");--> statement-breakpoint
CREATE INDEX "inspection_plans_tenant_year_idx" ON "inspection_plans" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "inspection_results_tenant_published_idx" ON "inspection_results" USING btree ("tenant_id","published_at");--> statement-breakpoint
ALTER TABLE "inspection_tasks" ADD CONSTRAINT "inspection_tasks_tenant_id_plan_id_inspection_plans_tenant_id_id_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."inspection_plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_tasks_tenant_plan_idx" ON "inspection_tasks" USING btree ("tenant_id","plan_id");