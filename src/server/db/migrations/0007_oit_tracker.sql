CREATE TABLE "oit_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"item_code" text NOT NULL,
	"url" text,
	"url_note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"owner_unit_id" uuid,
	"notes" text DEFAULT '' NOT NULL,
	"last_check" jsonb,
	"checked_at" timestamp with time zone,
	"row_version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oit_items" ADD CONSTRAINT "oit_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oit_items" ADD CONSTRAINT "oit_items_owner_unit_id_organizations_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oit_items" ADD CONSTRAINT "oit_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oit_items_unique" ON "oit_items" USING btree ("organization_id","fiscal_year","item_code");--> statement-breakpoint
CREATE INDEX "oit_items_year_idx" ON "oit_items" USING btree ("fiscal_year");