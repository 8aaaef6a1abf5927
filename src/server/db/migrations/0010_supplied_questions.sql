CREATE TABLE "supplied_questions" (
	"fiscal_year" integer NOT NULL,
	"code" text NOT NULL,
	"instrument" text NOT NULL,
	"indicator" integer NOT NULL,
	"sub_indicator" text,
	"text_th" text,
	"organization_id" uuid NOT NULL,
	"result_id" uuid,
	"supplied_by" uuid,
	"supplied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "supplied_questions_fiscal_year_code_pk" PRIMARY KEY("fiscal_year","code")
);
--> statement-breakpoint
ALTER TABLE "supplied_questions" ADD CONSTRAINT "supplied_questions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplied_questions" ADD CONSTRAINT "supplied_questions_result_id_assessment_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."assessment_results"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplied_questions" ADD CONSTRAINT "supplied_questions_supplied_by_users_id_fk" FOREIGN KEY ("supplied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;