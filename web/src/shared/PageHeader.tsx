import { Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';

export interface PageHeaderProps {
  title: string;
  /** One line under the title explaining the page. */
  subTitle?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
}

/** The title row of an admin page; also sets the document title. */
export function PageHeader({ title, subTitle, extra }: PageHeaderProps) {
  useDocumentTitle(title);
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subTitle ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {subTitle}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · 法治`;
  }, [title]);
}
