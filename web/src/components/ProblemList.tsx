import { Alert } from 'antd';
import type { CSSProperties } from 'react';

/** What a form's answer found wrong: the first problem as the title, the others listed under it. */
export function ProblemList({ problems, style }: { problems: string[]; style?: CSSProperties }) {
  if (!problems.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      {...(style ? { style } : {})}
      title={problems[0]}
      description={
        problems.length > 1 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {problems.slice(1).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
