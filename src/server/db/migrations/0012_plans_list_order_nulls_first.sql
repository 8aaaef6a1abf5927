DROP INDEX "plans_list_order_idx";--> statement-breakpoint
CREATE INDEX "plans_list_order_by_idx" ON "plans" USING btree ("fiscal_year" DESC NULLS FIRST,"version_no" DESC NULLS FIRST,"id");