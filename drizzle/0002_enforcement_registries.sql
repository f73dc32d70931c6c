CREATE TABLE "enforcement_bodies" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"uscc" varchar(18),
	"legal_basis" text NOT NULL,
	"normative_documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_bodies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enforcement_matters" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"body_id" uuid NOT NULL,
	"legal_basis" jsonb NOT NULL,
	"fine_min" numeric(14, 2),
	"fine_max" numeric(14, 2),
	"other_penalties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"discretion" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_matters_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "enforcement_officers" (
	"tenant_id" varchar(12) NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"credential_no" text NOT NULL,
	"category" text NOT NULL,
	"domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"issuing_authority" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enforcement_officers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "enforcement_bodies" ADD CONSTRAINT "enforcement_bodies_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_matters" ADD CONSTRAINT "enforcement_matters_tenant_id_body_id_enforcement_bodies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","body_id") REFERENCES "public"."enforcement_bodies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_officers" ADD CONSTRAINT "enforcement_officers_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enforcement_officers" ADD CONSTRAINT "enforcement_officers_tenant_id_body_id_enforcement_bodies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","body_id") REFERENCES "public"."enforcement_bodies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_bodies_tenant_unit_uq" ON "enforcement_bodies" USING btree ("tenant_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_bodies_tenant_name_uq" ON "enforcement_bodies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_matters_tenant_code_uq" ON "enforcement_matters" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "enforcement_matters_tenant_body_idx" ON "enforcement_matters" USING btree ("tenant_id","body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_officers_tenant_credential_uq" ON "enforcement_officers" USING btree ("tenant_id","credential_no");--> statement-breakpoint
CREATE UNIQUE INDEX "enforcement_officers_tenant_user_category_uq" ON "enforcement_officers" USING btree ("tenant_id","user_id","category");--> statement-breakpoint
CREATE INDEX "enforcement_officers_tenant_body_idx" ON "enforcement_officers" USING btree ("tenant_id","body_id");