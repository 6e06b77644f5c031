ALTER TABLE "import_jobs" ADD COLUMN "bytes" "bytea";--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "worker" text;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "claimed_at" timestamp with time zone;