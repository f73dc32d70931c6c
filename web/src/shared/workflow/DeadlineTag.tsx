import { Badge, Tag, Tooltip } from 'antd';
import type { CaseDeadline, DeadlineColour } from '../../api/types.ts';
import { COLOUR_META, DEADLINE_STATUS_LABELS } from './labels.ts';

/**
 * A deadline as a coloured tag: `2026-10-30 届满 · 已逾期`. With a whole deadline, met and cancelled ones say
 * so instead, and the statute is shown on hover.
 */
export function DeadlineTag({
  colour,
  dueDate,
  deadline,
}: {
  colour?: DeadlineColour;
  dueDate?: string | null;
  deadline?: CaseDeadline;
}) {
  const c = deadline?.colour ?? colour ?? 'done';
  const due = deadline ? deadline.dueDate : dueDate;
  let text: string;
  if (deadline?.status === 'met') text = `已完成${deadline.metOn ? `（${deadline.metOn}）` : ''}`;
  else if (deadline?.status === 'cancelled') text = DEADLINE_STATUS_LABELS.cancelled!;
  else if (c === 'paused') text = due ? `已中止计算（原定 ${due} 届满）` : '已中止计算';
  else text = due ? `${due} 届满 · ${COLOUR_META[c].label}` : COLOUR_META[c].label;
  const tag = (
    <Tag color={COLOUR_META[c].tag} data-testid="deadline-tag" data-colour={c} style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
  return deadline ? <Tooltip title={`${deadline.name}（${deadline.statute}）`}>{tag}</Tooltip> : tag;
}

/** A coloured dot for lists: the worst deadline colour of a case, with its next due date. */
export function DeadlineDot({ colour, dueDate }: { colour: DeadlineColour; dueDate: string | null }) {
  const meta = COLOUR_META[colour];
  return (
    <Tooltip title={meta.label}>
      <Badge
        status={meta.badge}
        text={dueDate ?? (colour === 'done' ? '—' : meta.label)}
        data-colour={colour}
      />
    </Tooltip>
  );
}
