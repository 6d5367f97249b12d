import { Col, Row, Space } from 'antd';
import { Breakdowns } from './Breakdowns.tsx';
import { CasesByReason } from './CasesByReason.tsx';
import { Compliance } from './Compliance.tsx';
import { Kpis } from './Kpis.tsx';
import { RefundMoney } from './RefundMoney.tsx';
import { ReturnRateBySku } from './ReturnRateBySku.tsx';
import type { FiguresProps } from './types.ts';

/** Every figure of an answer: key numbers, the four charts (each with its table), breakdowns. */
export function FiguresView({ data, csv }: FiguresProps) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Kpis data={data} />
      <CasesByReason data={data} csv={csv} />
      <ReturnRateBySku data={data} csv={csv} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RefundMoney data={data} csv={csv} />
        </Col>
        <Col xs={24} xl={12}>
          <Compliance data={data} csv={csv} />
        </Col>
      </Row>
      <Breakdowns data={data} csv={csv} />
    </Space>
  );
}
