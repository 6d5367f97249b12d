import { Row } from 'antd';
import { CategoriesTable } from './CategoriesTable.tsx';
import { ReasonsTable } from './ReasonsTable.tsx';
import { RefundsTable } from './RefundsTable.tsx';
import type { FiguresProps } from './types.ts';

/** The breakdowns as plain tables: reasons and faults, refunds and what was kept, categories. */
export function Breakdowns({ data, csv }: FiguresProps) {
  return (
    <Row gutter={[16, 16]}>
      <ReasonsTable data={data} csv={csv} />
      <RefundsTable data={data} />
      <CategoriesTable data={data} />
    </Row>
  );
}
