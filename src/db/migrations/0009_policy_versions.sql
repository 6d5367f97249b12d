CREATE TABLE "policy_versions" (
	"seller_id" text NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "policy_versions_seller_id_version_pk" PRIMARY KEY("seller_id","version")
);
--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "policy_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every shop's policy as it stands is its version 1.
INSERT INTO "policy_versions" ("seller_id", "version", "policy", "created_at")
SELECT "id", 1, "policy", "updated_at" FROM "sellers";
