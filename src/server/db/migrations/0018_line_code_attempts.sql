ALTER TABLE "line_webhook_events" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "line_webhook_events" ADD COLUMN "code_refused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "line_webhook_events_refused_idx" ON "line_webhook_events" USING btree ("channel_id","source_id","received_at");