-- Dispositions: returned units counted per SKU by what the seller does with them
--   disposition        dim = resellable|damaged|destroy ':' SKU, n = units (return.package_accepted)
CREATE OR REPLACE FUNCTION sendback_analytics_add_events(p_ids text[]) RETURNS void LANGUAGE plpgsql
SET work_mem = '32MB' AS $$
BEGIN
  WITH e0 AS (
    SELECT e.case_id, e.type, e.at, c.seller_id, c.currency, c.created_at,
      sendback_analytics_metric(e.type, e.actor_role, e.payload->>'cause') AS metric,
      CASE WHEN e.type = 'return.requested' THEN e.payload->>'reason' END AS reason,
      CASE WHEN e.type = 'return.requested' THEN e.payload->'lines' END AS lines,
      CASE WHEN e.type = 'return.package_accepted' THEN e.payload->'dispositions' END AS dispositions,
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
    UNION ALL
    -- Returned units by what the seller does with them, per SKU (dim = disposition:sku).
    SELECT ev.seller_id, ev.day, 'disposition', (d->>'disposition') || ':' || (d->>'sku'), '',
      (d->>'quantity')::bigint, 0, 0, 0
    FROM ev CROSS JOIN LATERAL jsonb_array_elements(ev.dispositions) d
    WHERE jsonb_typeof(ev.dispositions) = 'array'
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
