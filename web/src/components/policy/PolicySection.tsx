import { Card } from 'antd';
import type { ReactNode } from 'react';
import { CARD_TITLE } from './styles.ts';

/** One section of the policy form: a small card titled by a second-level heading. */
export function PolicySection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={<h2 style={CARD_TITLE}>{title}</h2>} size="small">
      {children}
    </Card>
  );
}
