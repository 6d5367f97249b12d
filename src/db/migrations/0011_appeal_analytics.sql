-- Appeals in the analytics rollup:
--   appealed                                      a ruling or automatic refund appealed
--   appeal_decided     dim = appeal_upheld | appeal_overturned
CREATE OR REPLACE FUNCTION sendback_analytics_metric(p_type text, p_actor text, p_cause text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN p_type = 'return.requested' THEN 'opened'
    WHEN p_actor = 'seller' AND p_type IN ('return.approved', 'return.rejected',
      'return.partial_refund_offered', 'return.received', 'return.package_accepted',
      'return.package_rejected') THEN 'decided'
    WHEN p_type = 'return.auto_approved' AND p_cause = 'seller_review_expired' THEN 'auto_approved'
    WHEN p_type IN ('return.contest_expired', 'return.shipment_expired') THEN 'auto_closed'
    WHEN p_type = 'return.refunded' THEN 'refunded'
    WHEN p_type = 'return.escalated' THEN 'dispute_opened'
    WHEN p_type IN ('return.ruled_for_buyer', 'return.ruled_for_seller') THEN 'ruled'
    WHEN p_type = 'return.appealed' THEN 'appealed'
    WHEN p_type IN ('return.appeal_upheld', 'return.appeal_overturned') THEN 'appeal_decided'
    WHEN p_type IN ('return.receiving_expired', 'return.inspection_expired') THEN 'auto_refunded'
  END
$$;
