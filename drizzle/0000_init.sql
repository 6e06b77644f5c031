CREATE TABLE "agencies" (
	"id" serial PRIMARY KEY NOT NULL,
	"parent_id" integer,
	"name" text NOT NULL,
	"kind" text DEFAULT 'department' NOT NULL,
	"region_code" text,
	"path" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text,
	"report_id" integer,
	"duplicate" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"number" integer NOT NULL,
	"sha256" text,
	"model" jsonb NOT NULL,
	"source" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"origin" text NOT NULL,
	"author" text,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer,
	"year" smallint,
	"template" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"current_version" integer,
	"errors" integer DEFAULT 0 NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_sha256_source_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."source_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_versions" ADD CONSTRAINT "report_versions_sha256_source_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."source_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agencies_parent_name" ON "agencies" USING btree (coalesce("parent_id", 0),"name");--> statement-breakpoint
CREATE INDEX "agencies_path" ON "agencies" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "import_jobs_batch" ON "import_jobs" USING btree ("batch");--> statement-breakpoint
CREATE INDEX "import_jobs_status" ON "import_jobs" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "report_versions_number" ON "report_versions" USING btree ("report_id","number");--> statement-breakpoint
CREATE INDEX "report_versions_sha" ON "report_versions" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_agency_year" ON "reports" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "reports_year" ON "reports" USING btree ("year");--> statement-breakpoint
CREATE INDEX "reports_status" ON "reports" USING btree ("status");