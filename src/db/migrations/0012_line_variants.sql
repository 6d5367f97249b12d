ALTER TABLE "order_lines" ADD COLUMN "in_stock" boolean;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "variants" jsonb;