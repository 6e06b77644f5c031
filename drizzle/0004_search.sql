CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "search_text" text;--> statement-breakpoint
CREATE INDEX "reports_search" ON "reports" USING gin ("search_text" gin_trgm_ops);
