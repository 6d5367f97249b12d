CREATE TABLE "analytics_daily" (
	"seller_id" text NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT '' NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"deduction" bigint DEFAULT 0 NOT NULL,
	"restocking_fee" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_daily_seller_id_day_metric_dim_currency_pk" PRIMARY KEY("seller_id","day","metric","dim","currency")
);
--> statement-breakpoint
CREATE TABLE "analytics_refunds" (
	"case_id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"day" date NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL,
	"seconds" bigint NOT NULL,
	"currency" text NOT NULL,
	"destination" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_daily_day_idx" ON "analytics_daily" USING btree ("day");--> statement-breakpoint
CREATE INDEX "analytics_refunds_seller_day_idx" ON "analytics_refunds" USING btree ("seller_id","day","seconds");--> statement-breakpoint
CREATE INDEX "analytics_refunds_seller_time_idx" ON "analytics_refunds" USING btree ("seller_id","refunded_at","case_id");--> statement-breakpoint
CREATE INDEX "analytics_refunds_day_idx" ON "analytics_refunds" USING btree ("day");--> statement-breakpoint
-- Seller analytics: the rollup tables above are kept current by the triggers below, in the same
-- transaction (and statement) that writes case events, order lines and deliveries, whoever writes
-- them (the use cases, the demo and bulk loaders, a restore). Each metric is defined once here:
--
--   opened             dim = reason as filed      a return request (return.requested)
--   opened_sku         dim = SKU                  a request that includes an order line of the SKU
--   opened_category    dim = category             a request that includes a line of the category
--   delivered_sku      dim = SKU                  an order line delivered (orders.delivered_at)
--   delivered_category dim = category             an order line delivered
--   decided            dim = event (approved …)   a deadline-bound seller decision: approve, reject,
--                                                 offer a partial refund, mark received, accept or
--                                                 reject the package. decide refuses a seller command
--                                                 once its due time has come (deadlinePassed), so
--                                                 every decision counted here was made in time.
--   auto_approved                                 the seller's review deadline expired (auto-approval
--                                                 by a policy rule is not a missed deadline)
--   auto_refunded      dim = receiving_expired | inspection_expired: the seller's receiving or
--                                                 inspection deadline expired; the buyer is refunded
--   auto_closed        dim = contest_expired | shipment_expired: the buyer's deadline expired
--   refunded           dim = destination, currency: a refund paid (return.refunded); amount = paid,
--                                                 deduction and restocking_fee = what the policy
--                                                 calculation kept (none when an amount was agreed)
--   dispute_opened                                a case escalated to the platform
--   ruled              dim = buyer | seller       an agent's ruling
--
-- `day` is the event's day in the shop's time zone. analytics_refunds keeps, per refunded case,
-- the seconds from request to refund, for exact medians and percentiles.
CREATE FUNCTION sendback_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- A zone PostgreSQL does not know (newer than its tzdata) counts days in UTC rather than
  -- failing the write that is being recorded.
  PERFORM now() AT TIME ZONE tz;
  RETURN tz;
EXCEPTION WHEN OTHERS THEN
  RETURN 'UTC';
END;
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_metric(p_type text, p_actor text, p_cause text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p_type = 'return.requested' THEN 'opened'
    WHEN p_actor = 'seller' AND p_type IN ('return.approved', 'return.rejected',
      'return.partial_refund_offered', 'return.received', 'return.package_accepted',
      'return.package_rejected') THEN 'decided'
    WHEN p_type = 'return.auto_approved' AND p_cause = 'seller_review_expired' THEN 'auto_approved'
    WHEN p_type IN ('return.receiving_expired', 'return.inspection_expired') THEN 'auto_refunded'
    WHEN p_type IN ('return.contest_expired', 'return.shipment_expired') THEN 'auto_closed'
    WHEN p_type = 'return.refunded' THEN 'refunded'
    WHEN p_type = 'return.escalated' THEN 'dispute_opened'
    WHEN p_type IN ('return.ruled_for_buyer', 'return.ruled_for_seller') THEN 'ruled'
  END
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_add_events(p_ids text[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '32MB' AS $$
BEGIN
  WITH e0 AS (
    SELECT e.case_id, e.type, e.at, c.seller_id, c.currency, c.created_at,
      sendback_analytics_metric(e.type, e.actor_role, e.payload->>'cause') AS metric,
      CASE WHEN e.type = 'return.requested' THEN e.payload->>'reason' END AS reason,
      CASE WHEN e.type = 'return.requested' THEN e.payload->'lines' END AS lines,
      CASE WHEN e.type = 'return.refunded'
        THEN coalesce(c.data->>'refund_destination', '') END AS destination,
      CASE WHEN e.type = 'return.refunded'
        THEN coalesce((e.payload->>'amount')::bigint, c.refund_amount, 0) END AS paid,
      -- What the policy calculation kept; nothing when an amount was agreed instead.
      CASE WHEN e.type = 'return.refunded'
        AND jsonb_typeof(c.data->'refund_breakdown'->'agreed_amount') IS DISTINCT FROM 'number'
        THEN c.data->'refund_breakdown' END AS kept
    -- Lookups by primary key, whatever the statistics say: LIMIT keeps each one a correlated
    -- index lookup (a bulk load writes into tables never analyzed, where the planner would
    -- otherwise pick a hash join that scans the whole table for every statement).
    FROM unnest(p_ids) AS i(id)
    CROSS JOIN LATERAL (SELECT * FROM case_events x WHERE x.id = i.id LIMIT 1) e
    CROSS JOIN LATERAL (SELECT * FROM return_cases y WHERE y.id = e.case_id LIMIT 1) c
  ), zones AS (
    SELECT s.id, sendback_zone(s.time_zone) AS tz
    FROM sellers s
    WHERE s.id IN (SELECT DISTINCT seller_id FROM e0)
  ), ev AS (
    SELECT e0.*, (e0.at AT TIME ZONE z.tz)::date AS day
    FROM e0 JOIN zones z ON z.id = e0.seller_id
    WHERE e0.metric IS NOT NULL
  ), refunds AS (
    INSERT INTO analytics_refunds
      (case_id, seller_id, day, refunded_at, seconds, currency, destination, amount)
    SELECT case_id, seller_id, day, at, floor(extract(epoch FROM at - created_at))::bigint,
      currency, destination, paid
    FROM ev WHERE metric = 'refunded'
    ON CONFLICT (case_id) DO NOTHING
  ), facts (seller_id, day, metric, dim, currency, n, amount, deduction, restocking_fee) AS (
    SELECT seller_id, day, metric,
      CASE metric
        WHEN 'opened' THEN reason
        WHEN 'refunded' THEN destination
        WHEN 'ruled' THEN substr(type, 18)
        WHEN 'auto_approved' THEN ''
        WHEN 'dispute_opened' THEN ''
        ELSE substr(type, 8)
      END,
      CASE WHEN metric = 'refunded' THEN currency ELSE '' END,
      1, coalesce(paid, 0), coalesce((kept->>'deduction')::bigint, 0),
      coalesce((kept->>'restocking_fee')::bigint, 0)
    FROM ev
    UNION ALL
    SELECT ev.seller_id, ev.day, 'opened_' || k.kind, k.value, '', 1, 0, 0, 0
    FROM ev CROSS JOIN LATERAL (
      SELECT DISTINCT v.kind, v.value
      FROM jsonb_array_elements(ev.lines) x
      CROSS JOIN LATERAL (
        SELECT ol.sku, ol.category FROM order_lines ol WHERE ol.id = x->>'order_line_id' LIMIT 1
      ) l
      CROSS JOIN LATERAL (VALUES ('sku', l.sku), ('category', l.category)) v(kind, value)
    ) k
    WHERE ev.metric = 'opened'
  )
  -- In key order, so concurrent writers lock shared rows in the same order (no deadlock).
  INSERT INTO analytics_daily AS d
    (seller_id, day, metric, dim, currency, n, amount, deduction, restocking_fee)
  SELECT seller_id, day, metric, dim, currency, sum(n), sum(amount), sum(deduction),
    sum(restocking_fee)
  FROM facts
  GROUP BY seller_id, day, metric, dim, currency
  ORDER BY seller_id, day, metric, dim, currency
  ON CONFLICT (seller_id, day, metric, dim, currency) DO UPDATE SET
    n = d.n + excluded.n,
    amount = d.amount + excluded.amount,
    deduction = d.deduction + excluded.deduction,
    restocking_fee = d.restocking_fee + excluded.restocking_fee;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_add_lines(p_lines text[], p_delivered timestamptz[], p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH l0 AS (
    SELECT l.seller_id, x.at, l.sku, l.category
    FROM unnest(p_lines, p_delivered) AS x(id, at)
    CROSS JOIN LATERAL (
      SELECT ol.sku, ol.category, o.seller_id
      FROM order_lines ol
      CROSS JOIN LATERAL (SELECT od.seller_id FROM orders od WHERE od.id = ol.order_id LIMIT 1) o
      WHERE ol.id = x.id
      LIMIT 1
    ) l
    WHERE x.at IS NOT NULL
  ), zones AS (
    SELECT s.id, sendback_zone(s.time_zone) AS tz
    FROM sellers s
    WHERE s.id IN (SELECT DISTINCT seller_id FROM l0)
  ), facts AS (
    SELECT l0.seller_id, (l0.at AT TIME ZONE z.tz)::date AS day, v.metric, v.dim
    FROM l0 JOIN zones z ON z.id = l0.seller_id
    CROSS JOIN LATERAL (VALUES ('delivered_sku', l0.sku), ('delivered_category', l0.category))
      v(metric, dim)
  )
  INSERT INTO analytics_daily AS d (seller_id, day, metric, dim, currency, n)
  SELECT seller_id, day, metric, dim, '', count(*) * p_sign
  FROM facts
  GROUP BY seller_id, day, metric, dim
  ORDER BY seller_id, day, metric, dim
  ON CONFLICT (seller_id, day, metric, dim, currency) DO UPDATE SET n = d.n + excluded.n;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_on_case_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  ids := ARRAY(
    SELECT id FROM analytics_new_events
    WHERE sendback_analytics_metric(type, actor_role, payload->>'cause') IS NOT NULL);
  -- Most events (shipped, tracking, evidence, …) count for nothing: no work for them.
  IF cardinality(ids) > 0 THEN
    PERFORM sendback_analytics_add_events(ids);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_on_order_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
  ats timestamptz[];
BEGIN
  SELECT array_agg(n.id ORDER BY n.id), array_agg(o.delivered_at ORDER BY n.id) INTO ids, ats
  FROM analytics_new_lines n
  CROSS JOIN LATERAL (SELECT od.delivered_at FROM orders od WHERE od.id = n.order_id LIMIT 1) o
  WHERE o.delivered_at IS NOT NULL;
  IF ids IS NOT NULL THEN
    PERFORM sendback_analytics_add_lines(ids, ats, 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION sendback_analytics_on_orders() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
  olds timestamptz[];
  news timestamptz[];
BEGIN
  SELECT array_agg(l.id ORDER BY l.id), array_agg(o.delivered_at ORDER BY l.id),
    array_agg(n.delivered_at ORDER BY l.id)
  INTO ids, olds, news
  FROM analytics_new_orders n
  JOIN analytics_old_orders o ON o.id = n.id
  CROSS JOIN LATERAL (SELECT ol.id FROM order_lines ol WHERE ol.order_id = n.id OFFSET 0) l
  WHERE n.delivered_at IS DISTINCT FROM o.delivered_at;
  IF ids IS NOT NULL THEN
    PERFORM sendback_analytics_add_lines(ids, olds, -1);
    PERFORM sendback_analytics_add_lines(ids, news, 1);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_analytics AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS analytics_new_events
  FOR EACH STATEMENT EXECUTE FUNCTION sendback_analytics_on_case_events();
--> statement-breakpoint
CREATE TRIGGER order_lines_analytics AFTER INSERT ON order_lines
  REFERENCING NEW TABLE AS analytics_new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION sendback_analytics_on_order_lines();
--> statement-breakpoint
CREATE TRIGGER orders_analytics AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS analytics_old_orders NEW TABLE AS analytics_new_orders
  FOR EACH STATEMENT EXECUTE FUNCTION sendback_analytics_on_orders();
--> statement-breakpoint
-- Derived data follows every writer, including loaders that run with session_replication_role =
-- replica to skip foreign-key checks (the bulk loader does): ALWAYS fires there too.
ALTER TABLE case_events ENABLE ALWAYS TRIGGER case_events_analytics;
--> statement-breakpoint
ALTER TABLE order_lines ENABLE ALWAYS TRIGGER order_lines_analytics;
--> statement-breakpoint
ALTER TABLE orders ENABLE ALWAYS TRIGGER orders_analytics;
--> statement-breakpoint
-- What is already in the database, in sixteen slices (a large database takes a while).
SET LOCAL statement_timeout = 0;
--> statement-breakpoint
SELECT sendback_analytics_add_lines(array_agg(l.id), array_agg(o.delivered_at), 1)
FROM order_lines l JOIN orders o ON o.id = l.order_id
WHERE o.delivered_at IS NOT NULL
GROUP BY left(md5(l.id), 1);
--> statement-breakpoint
SELECT sendback_analytics_add_events(array_agg(id))
FROM case_events
WHERE sendback_analytics_metric(type, actor_role, payload->>'cause') IS NOT NULL
GROUP BY left(md5(id), 1);
