import type { GridComponentOption } from 'echarts/components';
import type { RefundDestination } from '../../generated/domain.ts';

/** Okabe–Ito: told apart by people with the common colour-vision deficiencies. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#8F7A00',
  '#000000',
];
export const DESTINATION_COLOR: Record<RefundDestination, string> = {
  original_payment: '#0072B2',
  platform_balance: '#009E73',
};
/** The shop's own decisions stay quiet; automatic outcomes stand out (colour, pattern, label). */
export const COMPLIANCE_COLOR = {
  decisions: '#9AA5B8',
  auto_approved: '#C2410C',
  auto_refunded: '#882255',
  auto_closed: '#332288',
  line: '#1d4ed8',
};

// ECharts 6 keeps axis labels inside the grid's outer bounds by default. The top leaves room for
// a legend row and, under it, the value axis's name.
export const axisGrid: GridComponentOption = { left: 8, right: 16, top: 60, bottom: 28 };
