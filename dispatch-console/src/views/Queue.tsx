import { useEffect, useRef } from 'preact/hooks';
import type { IncidentSummary } from '../api/types';
import { useI18n } from '../i18n';
import { formatAge, formatClock } from '../i18n/format';
import { shortId } from '../state/queue';
import { StatusBadge } from './Badge';

export interface QueueProps {
  queue: IncidentSummary[];
  selectedId: string | null;
  fresh: Record<string, true>;
  loaded: boolean;
  now: number;
  onSelect: (id: string) => void;
}

/**
 * The open incidents, NEW first; each row's age counts up every second, and a ✉ badge counts the
 * reporters' messages nobody has read yet.
 */
export function Queue({ queue, selectedId, fresh, loaded, now, onSelect }: QueueProps) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const newIncidents = queue.filter((incident) => incident.status === 'NEW').length;

  useEffect(() => {
    const row = list.current?.querySelector<HTMLElement>('[aria-current="true"]');
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  return (
    <section class="panel queue-panel" aria-labelledby="queue-title" data-testid="queue">
      <header class="panel-header">
        <h2 id="queue-title">{t('queue.title')}</h2>
        {newIncidents > 0 && (
          <span class="new-count" data-testid="new-count">
            {t('queue.newCount', { n: newIncidents })}
          </span>
        )}
      </header>
      {!loaded && queue.length === 0 ? (
        <p class="empty">{t('queue.waitingSnapshot')}</p>
      ) : queue.length === 0 ? (
        <p class="empty">{t('queue.empty')}</p>
      ) : (
        <ol class="queue" ref={list}>
          {queue.map((incident) => {
            const selected = incident.id === selectedId;
            const classes = ['incident-row'];
            if (selected) classes.push('selected');
            if (fresh[incident.id]) classes.push('fresh');
            return (
              <li key={incident.id}>
                <button
                  type="button"
                  class={classes.join(' ')}
                  data-testid="incident-row"
                  data-incident-id={incident.id}
                  data-status={incident.status}
                  aria-current={selected ? 'true' : undefined}
                  onClick={() => onSelect(incident.id)}
                >
                  <span class="row-line">
                    <StatusBadge status={incident.status} testId="incident-status" />
                    <span class="row-kind" data-testid="incident-kind">
                      {t(`kind.${incident.kind}`)}
                    </span>
                    {incident.unreadMessages > 0 && <UnreadBadge n={incident.unreadMessages} />}
                    <span
                      class="row-age"
                      data-testid="incident-age"
                      title={t('queue.openedAt', { time: formatClock(incident.openedAt, now) })}
                    >
                      {formatAge(t, incident.openedAt, now)}
                    </span>
                  </span>
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
              </li>
            );
          })}
        </ol>
      )}
    </section>
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
