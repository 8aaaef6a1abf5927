ALTER TABLE "report_slots" ALTER COLUMN "step_id" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "report_slots" ALTER COLUMN "step_id" SET NOT NULL;