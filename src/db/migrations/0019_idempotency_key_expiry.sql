-- Idempotency keys are kept for a while, then deleted (src/db/idempotency.ts): by their age.
CREATE INDEX "idempotency_keys_created_at" ON "idempotency_keys" USING btree ("created_at");