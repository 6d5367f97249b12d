import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';

/** A small download button for the CSV of the cases behind a figure. */
export function CsvButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button size="small" icon={<DownloadOutlined />} href={href} download>
      {children}
    </Button>
  );
}
