import { Button, Input, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { generatePassword } from './format.ts';

/** A password field with a button that fills in (and shows) a random password meeting the policy. */
export function PasswordInput({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        id={id}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
        autoComplete="new-password"
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        {...rest}
      />
      <Tooltip title="生成一个符合要求的随机密码">
        <Button
          onClick={() => {
            onChange?.(generatePassword());
            setVisible(true);
          }}
        >
          随机生成
        </Button>
      </Tooltip>
    </Space.Compact>
  );
}
