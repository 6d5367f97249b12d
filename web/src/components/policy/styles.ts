import type { CSSProperties } from 'react';

/** A section's title inside its card. */
export const CARD_TITLE: CSSProperties = { fontSize: 16, margin: 0 };
/** A repeated group of fields (a category rule, an automatic-approval rule) framed and named. */
export const FIELDSET: CSSProperties = {
  border: '1px solid #e5e5e5',
  borderRadius: 8,
  padding: '4px 12px 0',
  margin: 0,
};
export const LEGEND: CSSProperties = {
  fontSize: 13,
  width: 'auto',
  padding: '0 4px',
  margin: 0,
  border: 0,
  color: '#595959',
};
