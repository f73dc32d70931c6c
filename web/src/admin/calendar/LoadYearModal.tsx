import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useErrorHandler } from '../../api/forms.ts';
import type { CalendarLoadBody, CalendarPreview } from '../../api/types.ts';
import { formatTime } from '../../shared/format.ts';
import { HolidayList } from './YearGrid.tsx';

type Source = 'notice' | 'file';

interface Problems {
  title: string;
  items: string[];
}

/** A file's contents as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取文件'));
    r.readAsDataURL(file);
  });
}

type Change = NonNullable<CalendarPreview['diff']>['changes'][number];

const KIND_TAG = {
  holiday: <Tag color="red">放假</Tag>,
  'makeup-workday': <Tag color="blue">调休上班</Tag>,
} as const;

/**
 * 载入新年度安排: paste the State Council's holiday notice or upload a spreadsheet (.xlsx/.csv: 日期, 类型 休/班,
 * 名称), check what the server parsed and what it changes, then confirm. Nothing is stored before confirming;
 * every problem the server finds is listed.
 */
export function LoadYearModal({
  onClose,
  onLoaded,
}: {
  onClose: () => void;
  onLoaded: (year: number) => void;
}) {
  const onError = useErrorHandler();
  const [source, setSource] = useState<Source>('notice');
  const [notice, setNotice] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [forYear, setForYear] = useState<number | null>(null);
  const [sourceText, setSourceText] = useState('');
  const [preview, setPreview] = useState<CalendarPreview | null>(null);
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);

  const options = (): CalendarLoadBody => ({
    ...(forYear ? { forYear } : {}),
    ...(sourceText.trim() ? { source: sourceText.trim() } : {}),
  });

  const send = async (confirm: boolean) => {
    setBusy(true);
    setProblems(null);
    try {
      const replace = confirm && !!preview?.current;
      let result: CalendarPreview;
      if (source === 'notice') {
        const body = { notice, ...options(), ...(replace ? { replace } : {}) };
        result = confirm ? await api.calendar.load(body) : await api.calendar.preview(body);
      } else {
        if (!file) throw new Error('请选择文件');
        result = await api.calendar.importFile({
          filename: file.name,
          contentBase64: await readBase64(file),
          ...options(),
          preview: !confirm,
          ...(replace ? { replace } : {}),
        });
      }
      if (confirm) onLoaded(result.year);
      else setPreview(result);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401 && e.status !== 403)
        setProblems({ title: e.detail, items: e.errors.map((p) => p.detail) });
      else onError(e);
    } finally {
      setBusy(false);
    }
  };

  const changed = () => {
    setPreview(null);
    setProblems(null);
  };
  const ready = source === 'notice' ? notice.trim().length > 0 : !!file;

  return (
    <Modal
      open
      title="载入新年度放假安排"
      width={880}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button
            onClick={() => send(false)}
            loading={busy && !preview}
            disabled={!ready}
            data-testid="calendar-preview"
          >
            预览
          </Button>
          <Button
            type="primary"
            danger={!!preview?.current}
            onClick={() => send(true)}
            loading={busy && !!preview}
            disabled={!preview || preview.unchanged}
            data-testid="calendar-confirm"
          >
            {preview?.current ? `确认替换${preview.year}年安排` : '确认载入'}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={source}
        onChange={(k) => {
          setSource(k as Source);
          changed();
        }}
        items={[
          {
            key: 'notice',
            label: '粘贴通知文本',
            children: (
              <Input.TextArea
                value={notice}
                onChange={(e) => {
                  setNotice(e.target.value);
                  changed();
                }}
                autoSize={{ minRows: 6, maxRows: 10 }}
                maxLength={20000}
                placeholder={
                  '国务院办公厅关于20XX年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n……'
                }
                aria-label="通知文本"
                data-testid="calendar-notice"
              />
            ),
          },
          {
            key: 'file',
            label: '上传表格',
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Upload
                  accept=".xlsx,.csv"
                  maxCount={1}
                  beforeUpload={(f) => {
                    setFile(f);
                    changed();
                    return false;
                  }}
                  onRemove={() => {
                    setFile(null);
                    changed();
                  }}
                  fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
                >
                  <Button icon={<UploadOutlined />}>选择 .xlsx 或 .csv 文件</Button>
                </Upload>
                <Typography.Text type="secondary">
                  第一个工作表（或 CSV）的列依次为：日期、类型（休 或 班）、名称；文件不超过1MB。须填写来源。
                </Typography.Text>
              </Space>
            ),
          },
        ]}
      />
      <Form layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
        <Form.Item label="年份" extra="通知中已写明的可不填">
          <InputNumber
            value={forYear}
            onChange={(v) => {
              setForYear(v);
              changed();
            }}
            min={1949}
            max={2100}
            precision={0}
            placeholder="如 2027"
          />
        </Form.Item>
        <Form.Item label="来源" extra="默认为通知的文号">
          <Input
            value={sourceText}
            onChange={(e) => {
              setSourceText(e.target.value);
              changed();
            }}
            maxLength={200}
            style={{ width: 320 }}
            placeholder="如 国办发明电〔2026〕X号"
          />
        </Form.Item>
      </Form>
      {problems ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          title={problems.title}
          data-testid="calendar-problems"
          description={
            problems.items.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problems.items.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      {preview ? <PreviewView preview={preview} /> : null}
    </Modal>
  );
}

function PreviewView({ preview: p }: { preview: CalendarPreview }) {
  return (
    <div style={{ marginTop: 16 }} data-testid="calendar-preview-result">
      {p.unchanged ? (
        <Alert type="info" showIcon title={`与已载入的${p.year}年安排完全相同，无需载入`} />
      ) : p.current ? (
        <Alert
          type="warning"
          showIcon
          title={`${p.year}年的放假安排已经载入，确认后将替换`}
          description={`现有版本来源：${p.current.source}；${formatTime(p.current.loadedAt)} 由 ${p.current.loadedBy} 载入`}
        />
      ) : (
        <Alert type="success" showIcon title={`解析成功：${p.year}年放假安排，尚未保存`} />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginTop: 12 }}
        items={[
          { key: 'year', label: '年份', children: p.year },
          { key: 'source', label: '来源', children: p.source },
          { key: 'holidays', label: '放假日', children: `${p.calendar.holidays.length} 天` },
          { key: 'makeup', label: '调休上班日', children: `${p.calendar.makeupWorkdays.length} 天` },
          { key: 'workdays', label: '全年工作日', children: `${p.workdays} 天` },
          { key: 'rest', label: '全年休息日', children: `${p.restDays} 天` },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        解析出的安排
      </Typography.Title>
      <HolidayList holidays={p.calendar.holidays} makeupWorkdays={p.calendar.makeupWorkdays} />
      {p.notes.length > 0 ? (
        <Alert
          type="info"
          style={{ marginTop: 8 }}
          title="以下文字不涉及放假安排，已忽略"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {p.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {p.diff && p.diff.changes.length + (p.diff.source ? 1 : 0) > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            与已载入版本的差异
          </Typography.Title>
          {p.diff.source ? (
            <Typography.Paragraph>
              来源：“{p.diff.source.before}”改为“{p.diff.source.after}”
            </Typography.Paragraph>
          ) : null}
          <Table
            size="small"
            rowKey="date"
            pagination={p.diff.changes.length > 10 ? { pageSize: 10 } : false}
            dataSource={p.diff.changes}
            data-testid="calendar-diff"
            columns={[
              { title: '日期', dataIndex: 'date', render: (d: string) => `${d} ${dayjs(d).format('dd')}` },
              {
                title: '原安排',
                dataIndex: 'before',
                render: (b: Change['before']) =>
                  b ? (
                    <>
                      {KIND_TAG[b.kind]}
                      {b.name}
                    </>
                  ) : (
                    <Typography.Text type="secondary">无（普通日）</Typography.Text>
                  ),
              },
              {
                title: '新安排',
                dataIndex: 'after',
                render: (a: Change['after']) =>
                  a ? (
                    <>
                      {KIND_TAG[a.kind]}
                      {a.name}
                    </>
                  ) : (
                    <Typography.Text type="secondary">无（普通日）</Typography.Text>
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
