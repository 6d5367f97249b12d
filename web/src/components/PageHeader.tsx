import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The top of a page, the same in every console: its title (the page's only level-1 heading), a
 * line saying what the page is for, and the page's own actions (refresh, ...) at the right.
 */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="end" wrap gap={8}>
      <div>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {actions}
    </Flex>
  );
}
