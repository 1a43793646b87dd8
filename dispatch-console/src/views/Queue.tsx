import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { IncidentCounts, IncidentSummary } from '../api/types';
import { useI18n } from '../i18n';
import { formatAge, formatClock, formatCount } from '../i18n/format';
import { isAlarm, newTotal, type QueueRow, queueRows, rowIndexOf, shortId, trustLevel } from '../state/queue';
import { AlarmBadge, StatusBadge } from './Badge';
import { useVirtualList } from './virtual';

export interface QueueProps {
  /** The open incidents in queue order (sortQueue). */
  queue: IncidentSummary[];
  /** The queue's lines (queueRows of `queue`), when the caller has them already. */
  rows?: QueueRow[];
  /** Burst groups the dispatcher opened. */
  expanded?: Record<string, true>;
  selectedId: string | null;
  fresh: Record<string, true>;
  loaded: boolean;
  now: number;
  /** After a truncated snapshot: the server's true counts (the queue holds only part of the NEW). */
  truncated?: boolean;
  counts?: IncidentCounts | null;
  /** How many NEW incidents `queue` holds, when the caller knows (else they are counted). */
  shownNew?: number;
  onSelect: (id: string) => void;
  onToggleBurst?: (key: string) => void;
}

/** Expected heights (px) of the lines until they are measured, and the space between them. */
const INCIDENT_ROW_PX = 100;
const BURST_ROW_PX = 100;
const ROW_GAP_PX = 8;

/**
 * The open incidents, NEW first; each row's age counts up every second, and a ✉ badge counts the
 * reporters' messages nobody has read yet. An incident a fire-alarm transmitter signalled into is
 * marked so, with its premises' name and first zone. One source's many NEW incidents are one group line
 * until opened. The list is virtualised: only the lines in view (and a few around) are in the
 * page, so tens of thousands of incidents scroll as smoothly as ten.
 */
export function Queue(props: QueueProps) {
  const { queue, selectedId, fresh, loaded, now, onSelect } = props;
  const { t, lang } = useI18n();
  const expanded = props.expanded;
  const rows = useMemo(() => props.rows ?? queueRows(queue, expanded), [props.rows, queue, expanded]);
  const counted = useMemo(
    () => (props.shownNew === undefined ? queue.filter((incident) => incident.status === 'NEW').length : 0),
    [queue, props.shownNew === undefined],
  );
  const shownNew = props.shownNew ?? counted;
  const truncated = Boolean(props.truncated && props.counts);
  const totalNew = newTotal({ truncated, counts: props.counts ?? null }, shownNew);

  const scroller = useRef<HTMLDivElement>(null);
  // Stable while the lines are: the virtualiser measures the whole list again when they change,
  // and the queue re-renders every second (the ages).
  const sizing = useMemo(
    () => ({
      estimateSize: (index: number) => (rows[index]?.kind === 'burst' ? BURST_ROW_PX : INCIDENT_ROW_PX),
      getItemKey: (index: number) => rowKey(rows[index]),
    }),
    [rows],
  );
  const virtual = useVirtualList({
    count: rows.length,
    scroller,
    ...sizing,
    gap: ROW_GAP_PX,
    paddingStart: 6,
    paddingEnd: 6,
  });

  // J/K (or a click on the map) moved the selection: bring its line into view.
  useEffect(() => {
    const index = rowIndexOf(rows, selectedId);
    if (index >= 0) virtual.scrollToIndex(index, { align: 'auto' });
  }, [selectedId]);

  return (
    <section class="panel queue-panel" aria-labelledby="queue-title" data-testid="queue">
      <header class="panel-header">
        <h2 id="queue-title">{t('queue.title')}</h2>
        {truncated && props.counts && (
          <span class="sub open-count" data-testid="open-count">
            {t('queue.openTotal', { n: formatCount(lang, props.counts.open) })}
          </span>
        )}
        {totalNew > 0 && (
          <span class="new-count" data-testid="new-count">
            {t('queue.newCount', { n: formatCount(lang, totalNew) })}
          </span>
        )}
        {totalNew > 0 && truncated && (
          <span class="sub new-shown" data-testid="new-shown">
            {t('queue.showing', { n: formatCount(lang, shownNew) })}
          </span>
        )}
      </header>
      {!loaded && queue.length === 0 ? (
        <p class="empty">{t('queue.waitingSnapshot')}</p>
      ) : queue.length === 0 ? (
        <p class="empty">{t('queue.empty')}</p>
      ) : (
        <div class="queue-scroll" ref={scroller} data-testid="queue-list">
          <ol class="queue" style={{ height: `${virtual.getTotalSize()}px` }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <li
                  key={item.key as string}
                  class="queue-item"
                  data-index={item.index}
                  aria-setsize={rows.length}
                  aria-posinset={item.index + 1}
                  ref={virtual.measureElement}
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === 'burst' ? (
                    <BurstRow
                      row={row}
                      selectedId={selectedId}
                      fresh={fresh}
                      now={now}
                      onToggle={props.onToggleBurst}
                    />
                  ) : (
                    <IncidentRow
                      incident={row.incident}
                      inBurst={row.burstKey !== null}
                      selected={row.incident.id === selectedId}
                      fresh={Boolean(fresh[row.incident.id])}
                      now={now}
                      onSelect={onSelect}
                    />
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}

const rowKey = (row: QueueRow | undefined): string =>
  !row ? '' : row.kind === 'burst' ? `b:${row.key}` : `i:${row.incident.id}`;

function IncidentRow({
  incident,
  inBurst,
  selected,
  fresh,
  now,
  onSelect,
}: {
  incident: IncidentSummary;
  inBurst: boolean;
  selected: boolean;
  fresh: boolean;
  now: number;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  const alarm = isAlarm(incident);
  const premises = incident.premises ?? null;
  const classes = ['incident-row'];
  if (alarm) classes.push('alarm');
  if (selected) classes.push('selected');
  if (fresh) classes.push('fresh');
  if (inBurst) classes.push('in-burst');
  return (
    <button
      type="button"
      class={classes.join(' ')}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-status={incident.status}
      data-alarm={alarm ? 'true' : undefined}
      aria-current={selected ? 'true' : undefined}
      title={inBurst ? t('queue.burstMember') : undefined}
      onClick={() => onSelect(incident.id)}
    >
      <span class="row-line">
        <StatusBadge status={incident.status} testId="incident-status" />
        <span class="row-kind" data-testid="incident-kind">
          {t(`kind.${incident.kind}`)}
        </span>
        {alarm && <AlarmBadge />}
        {trustLevel(incident) === 'UNVERIFIED' && (
          <span class="trust-label" data-testid="trust-label">
            {t('trust.UNVERIFIED')}
          </span>
        )}
        {incident.unreadMessages > 0 && <UnreadBadge n={incident.unreadMessages} />}
        <span
          class="row-age"
          data-testid="incident-age"
          title={t('queue.openedAt', { time: formatClock(incident.openedAt, now) })}
        >
          {formatAge(t, incident.openedAt, now)}
        </span>
      </span>
      {premises && (
        <span class="row-line row-premises">
          <span class="premises-name" data-testid="incident-premises">
            {premises.name}
          </span>
          {premises.zone && (
            <span class="premises-zone" data-testid="incident-zone">
              {t('alarm.zone', { zone: premises.zone })}
            </span>
          )}
        </span>
      )}
      <span class="row-line row-sub">
        <span class="row-province" data-testid="incident-province">
          {incident.province ?? t('queue.noProvince')}
        </span>
        <span class="row-reports" data-testid="incident-reports">
          {t('queue.reports', { n: incident.reportCount })}
        </span>
        <span class="row-id">#{shortId(incident.id)}</span>
      </span>
    </button>
  );
}

/**
 * "14 sự cố từ cùng một nguồn trong 10 phút": one line for a burst, folded until clicked (or
 * Enter). It stands where its best incident would be, and is marked when it holds the selection.
 */
function BurstRow({
  row,
  selectedId,
  fresh,
  now,
  onToggle,
}: {
  row: Extract<QueueRow, { kind: 'burst' }>;
  selectedId: string | null;
  fresh: Record<string, true>;
  now: number;
  onToggle?: (key: string) => void;
}) {
  const { t } = useI18n();
  const best = row.members[0];
  const holdsSelection = !row.expanded && row.members.some((m) => m.id === selectedId);
  const latest = row.members.reduce((a, b) => (Date.parse(b.openedAt) > Date.parse(a.openedAt) ? b : a));
  const provinces = [...new Set(row.members.map((m) => m.province ?? t('queue.noProvince')))];
  const classes = ['incident-row', 'burst-row'];
  if (holdsSelection) classes.push('selected');
  if (row.members.some((m) => fresh[m.id])) classes.push('fresh');
  if (row.expanded) classes.push('expanded');
  return (
    <button
      type="button"
      class={classes.join(' ')}
      data-testid="burst-group"
      data-burst-key={row.key}
      data-size={row.members.length}
      aria-expanded={row.expanded ? 'true' : 'false'}
      aria-current={holdsSelection ? 'true' : undefined}
      onClick={() => onToggle?.(row.key)}
    >
      <span class="row-line">
        <span class="burst-symbol" aria-hidden="true">
          {row.expanded ? '▾' : '▸'}
        </span>
        <StatusBadge status={best.status} />
        <span class="row-kind burst-title">{t('queue.burst', { n: row.members.length })}</span>
        <span class="row-age" title={t('queue.openedAt', { time: formatClock(latest.openedAt, now) })}>
          {formatAge(t, latest.openedAt, now)}
        </span>
      </span>
      <span class="row-line row-sub">
        <span class="row-province">
          {provinces.slice(0, 2).join(', ')}
          {provinces.length > 2 ? ' …' : ''}
        </span>
        <span class="burst-hint">{row.expanded ? t('queue.burstHide') : t('queue.burstShow')}</span>
      </span>
    </button>
  );
}

/** "✉ 2", read out as "2 tin nhắn chưa đọc" / "2 unread messages". */
function UnreadBadge({ n }: { n: number }) {
  const { t } = useI18n();
  const label = t('queue.unread', { n });
  return (
    <span class="unread-badge" data-testid="unread-badge" role="img" aria-label={label} title={label}>
      ✉ {n}
    </span>
  );
}
