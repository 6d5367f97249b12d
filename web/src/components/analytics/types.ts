import type { Schemas } from '../../api.ts';

export type Figures = Schemas['SellerAnalytics'];
export type Granularity = Figures['granularity'];
export type Period = Figures['series'][number];

/** Where the CSV of some cases comes from (the seller's dashboard has it; the platform has not). */
export type CsvLink = (filters: Record<string, string>) => string;

/** What every figure shows: the analytics answer, and the CSV of its cases where there is one. */
export interface FiguresProps {
  data: Figures;
  csv?: CsvLink | undefined;
}
