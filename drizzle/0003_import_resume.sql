ALTER TABLE "import_jobs" ADD COLUMN "spool_path" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "author" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "scope" text;