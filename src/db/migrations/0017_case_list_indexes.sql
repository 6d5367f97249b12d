-- Case lists that read only what they show (bench:queue at 1M cases): the seller queue's index
-- keys on listCases's sort expression, so a page is read in order and stops at its limit; the buyer
-- index carries every column of the buyer's record (keeps_item kept from the document by
-- PostgreSQL), so the record is counted from the index instead of a heap page per case.
DROP INDEX "return_cases_seller_queue_idx";--> statement-breakpoint
DROP INDEX "return_cases_buyer_created_idx";--> statement-breakpoint
ALTER TABLE "return_cases" ADD COLUMN "keeps_item" boolean GENERATED ALWAYS AS (coalesce(("data"->>'keeps_item') = 'true', false)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "return_cases_seller_queue_key_idx" ON "return_cases" USING btree ("seller_id","state",coalesce("due_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "return_cases_buyer_record_idx" ON "return_cases" USING btree ("buyer_id","created_at","id","seller_id","outcome","keeps_item");