CREATE TABLE "return_addresses" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"name" text NOT NULL,
	"line1" text NOT NULL,
	"line2" text,
	"city" text NOT NULL,
	"region" text,
	"postal_code" text NOT NULL,
	"country" text NOT NULL,
	"phone" text,
	"instructions" text,
	"buyer_countries" text[] NOT NULL,
	"is_default" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_labels" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"provider" text,
	"shipment_reference" text,
	"provider_reference" text,
	"carrier" text,
	"service" text,
	"tracking_number" text,
	"cost" bigint,
	"currency" text,
	"label_pdf" "bytea",
	"qr_png" "bytea",
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracking_registrations" (
	"provider" text NOT NULL,
	"tracking_number" text NOT NULL,
	"carrier" text NOT NULL,
	"status" text NOT NULL,
	"reference" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tracking_registrations_provider_tracking_number_pk" PRIMARY KEY("provider","tracking_number")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "ship_to" jsonb;--> statement-breakpoint
ALTER TABLE "return_addresses" ADD CONSTRAINT "return_addresses_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_labels" ADD CONSTRAINT "return_labels_case_id_return_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."return_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_addresses_seller_idx" ON "return_addresses" USING btree ("seller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_addresses_one_default" ON "return_addresses" USING btree ("seller_id") WHERE "return_addresses"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "return_labels_idempotency_key" ON "return_labels" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "return_labels_case_idx" ON "return_labels" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "return_labels_due_idx" ON "return_labels" USING btree ("next_attempt_at") WHERE "return_labels"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "return_cases_in_transit_idx" ON "return_cases" USING btree ("tracking_number") WHERE "return_cases"."state" = 'in_transit' and "return_cases"."tracking_number" is not null;