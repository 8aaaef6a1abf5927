CREATE TABLE "analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"title" text NOT NULL,
	"settings" jsonb NOT NULL,
	"outcome" jsonb NOT NULL,
	"limitations" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analysis_narratives" (
	"analysis_id" uuid NOT NULL,
	"finding_key" text NOT NULL,
	"text" text NOT NULL,
	"numbers_hash" text NOT NULL,
	"edited_by" uuid,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_narratives_analysis_id_finding_key_pk" PRIMARY KEY("analysis_id","finding_key")
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"catalogue_revision_id" uuid NOT NULL,
	"stated_level" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"result_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"code" text NOT NULL,
	"score" double precision,
	"passed" boolean,
	"reason" text,
	"recommendation" text,
	CONSTRAINT "assessment_scores_result_id_scope_code_pk" PRIMARY KEY("result_id","scope","code")
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_result_id_assessment_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."assessment_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_narratives" ADD CONSTRAINT "analysis_narratives_analysis_id_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_narratives" ADD CONSTRAINT "analysis_narratives_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_catalogue_revision_id_catalogue_revisions_id_fk" FOREIGN KEY ("catalogue_revision_id") REFERENCES "public"."catalogue_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_result_id_assessment_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."assessment_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analyses_result_idx" ON "analyses" USING btree ("result_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_results_org_year_unique" ON "assessment_results" USING btree ("organization_id","fiscal_year");