-- Every change to the rows a server keeps between requests (reports, agencies: src/db/writes.ts) is
-- announced on the channel xxgk_writes at its commit, so that a server on PostgreSQL knows when a
-- worker or another server changed them. One notice a statement (PostgreSQL folds equal notices
-- of one transaction into one).
CREATE FUNCTION "xxgk_notify_writes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xxgk_writes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "reports_writes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reports" FOR EACH STATEMENT EXECUTE FUNCTION "xxgk_notify_writes"();--> statement-breakpoint
CREATE TRIGGER "agencies_writes" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agencies" FOR EACH STATEMENT EXECUTE FUNCTION "xxgk_notify_writes"();
