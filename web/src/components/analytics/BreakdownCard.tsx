import { Card, Col, Typography } from 'antd';
import type { ReactNode } from 'react';

/** One of the breakdown tables under the charts: a titled region a third of the row wide. */
export function BreakdownCard({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <Col xs={24} lg={8}>
      <Card
        size="small"
        role="region"
        aria-labelledby={`${id}-title`}
        data-testid={id}
        title={
          <Typography.Title
            id={`${id}-title`}
            level={2}
            style={{ margin: 0, fontSize: 16, whiteSpace: 'normal' }}
          >
            {title}
          </Typography.Title>
        }
        style={{ height: '100%' }}
      >
        {children}
      </Card>
    </Col>
  );
}
