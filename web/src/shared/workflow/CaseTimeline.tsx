import { ClockCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useErrorHandler } from '../../api/forms.ts';
import type { TimelineEvent } from '../../api/types.ts';
import { formatTime } from '../format.ts';

/** Colours of deadline events (the rest: blue; records by their outcome). */
const DEADLINE_EVENT_COLOURS: Record<string, string> = {
  'deadline.started': 'blue',
  'deadline.warned': '#faad14',
  'deadline.overdue': 'red',
  'deadline.met': 'green',
  'deadline.stopped': 'gray',
  'deadline.resumed': 'blue',
  'deadline.restarted': 'blue',
  'deadline.extended': '#722ed1',
  'deadline.cancelled': 'gray',
};

function colourOf(e: TimelineEvent): string {
  if (e.kind.startsWith('deadline.')) return DEADLINE_EVENT_COLOURS[e.kind] ?? 'gray';
  if (e.kind === 'record') {
    const d = (e.data ?? {}) as { outcome?: string; result?: string };
    const outcome = d.outcome ?? d.result;
    if (outcome === 'fail' || outcome === 'rejected') return 'red';
    if (outcome === 'pass' || outcome === 'pass-with-changes' || outcome === 'approved') return 'green';
  }
  return 'blue';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Saves text as a file in the browser's downloads. */
function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Every event of a case, oldest first: what happened, who did it and when; deadline events in the colour of
 * what they mean. With `canDownload` (permission log.read) each event offers the receipt of its
 * transparency-log entry, which anyone can verify offline against the published checkpoint.
 */
export function CaseTimeline({
  events,
  caseNumber,
  canDownload,
}: {
  events: TimelineEvent[];
  caseNumber: string;
  canDownload: boolean;
}) {
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState<number | null>(null);

  const download = async (e: TimelineEvent) => {
    if (!e.logEntryId) return;
    setBusy(e.seq);
    try {
      // A new entry is sequenced into the log within about a second; until then the server answers 409.
      for (let attempt = 0; ; attempt++) {
        try {
          const receipt = await api.log.receipt(e.logEntryId);
          saveFile(`${caseNumber}-${e.seq}-存证凭证.json`, receipt);
          message.success('存证凭证已下载，可对照本区公开的日志检查点离线核验');
          return;
        } catch (err) {
          if (err instanceof ApiError && err.status === 409 && attempt < 3) await sleep(1000);
          else throw err;
        }
      }
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };

  if (events.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: colourOf(e),
        ...(e.kind.startsWith('deadline.') ? { icon: <ClockCircleOutlined /> } : {}),
        content: (
          <div className="fz-timeline-item" data-kind={e.kind}>
            <Typography.Text strong={!e.kind.startsWith('deadline.')}>{e.label}</Typography.Text>
            <div className="fz-timeline-meta">
              <span>{e.actorName ?? '系统'}</span>
              <span>{formatTime(e.at)}</span>
              {canDownload && e.logEntryId ? (
                <Button
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={busy === e.seq}
                  onClick={() => download(e)}
                  style={{ padding: 0, height: 'auto' }}
                >
                  下载存证凭证
                </Button>
              ) : null}
            </div>
          </div>
        ),
      }))}
    />
  );
}
