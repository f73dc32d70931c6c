import { Badge, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { DeadlineColour, InboxItem } from '../../api/types.ts';
import { COLOUR_META } from './labels.ts';

/** The colours counted in the inbox, most urgent first. */
export const INBOX_COLOURS: DeadlineColour[] = ['red', 'yellow', 'green', 'paused'];

export const INBOX_COLOUR_LABELS: Record<string, string> = {
  red: '已逾期',
  yellow: '即将到期',
  green: '期限内',
  paused: '期限中止',
  done: '无期限',
};

export function countByColour(items: InboxItem[]): Record<DeadlineColour, number> {
  const out: Record<DeadlineColour, number> = { red: 0, yellow: 0, green: 0, paused: 0, done: 0 };
  for (const i of items) out[i.colour]++;
  return out;
}

/**
 * Counts of to-do items by deadline colour. With `onPick`, each count is a button that filters by its colour
 * (`active` marks the chosen one); with `linkTo`, a link.
 */
export function InboxCounts({
  items,
  colours = INBOX_COLOURS,
  active,
  onPick,
  linkTo,
}: {
  items: InboxItem[];
  colours?: DeadlineColour[];
  active?: DeadlineColour | undefined;
  onPick?: (c: DeadlineColour | undefined) => void;
  linkTo?: (c: DeadlineColour) => string;
}) {
  const counts = countByColour(items);
  return (
    <Flex gap={12} wrap data-testid="inbox-counts">
      {colours.map((c) => {
        const body = (
          <>
            <Badge status={COLOUR_META[c].badge} text={INBOX_COLOUR_LABELS[c]} />
            <Typography.Text
              strong
              style={{
                fontSize: 24,
                color: counts[c] > 0 && c !== 'paused' ? COLOUR_META[c].hex : undefined,
              }}
              data-testid={`inbox-count-${c}`}
            >
              {counts[c]}
            </Typography.Text>
          </>
        );
        if (linkTo)
          return (
            <Link
              key={c}
              to={linkTo(c)}
              className="fz-count"
              aria-label={`${INBOX_COLOUR_LABELS[c]} ${counts[c]} 件`}
            >
              {body}
            </Link>
          );
        return onPick ? (
          <button
            key={c}
            type="button"
            className={`fz-count${active === c ? ' fz-count-active' : ''}`}
            aria-pressed={active === c}
            onClick={() => onPick(active === c ? undefined : c)}
          >
            {body}
          </button>
        ) : (
          <div key={c} className="fz-count">
            {body}
          </div>
        );
      })}
    </Flex>
  );
}
