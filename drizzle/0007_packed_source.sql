ALTER TABLE "report_versions" ALTER COLUMN "source" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_versions" ADD COLUMN "source_packed" "bytea";