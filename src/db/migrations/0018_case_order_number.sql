-- The marketplace's order number on each case (orders.external_id never changes), so a page of cases
-- shows it without an orders lookup per row (bench:queue at 1M cases: half of a page's time in
-- PostgreSQL, and its orders pages mostly not cached). Every insert gets it from its order here,
-- whichever path inserts (a return request, the bulk loader).
ALTER TABLE "return_cases" ADD COLUMN "order_number" text;--> statement-breakpoint
UPDATE "return_cases" c SET "order_number" = o."external_id" FROM "orders" o WHERE o."id" = c."order_id";--> statement-breakpoint
ALTER TABLE "return_cases" ALTER COLUMN "order_number" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION sendback_case_order_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.external_id INTO NEW.order_number FROM orders o WHERE o.id = NEW.order_id;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER return_cases_order_number BEFORE INSERT ON "return_cases"
  FOR EACH ROW EXECUTE FUNCTION sendback_case_order_number();
--> statement-breakpoint
-- The bulk loader runs as a replica (session_replication_role): this trigger fires there too.
ALTER TABLE "return_cases" ENABLE ALWAYS TRIGGER return_cases_order_number;
