import type { Report } from '../api/types';
import { useI18n } from '../i18n';
import { formatClock } from '../i18n/format';
import { type PhotoLoader, PhotoList } from './Photo';
import { telHref } from './safe';

/**
 * One citizen report (or a fire-alarm transmitter's, which has no reporter). Description, name and phone are the citizen's own text: they are rendered
 * as text children (Preact escapes them), never as markup.
 */
export function ReportCard({
  report,
  index,
  now,
  loadPhoto,
}: {
  report: Report;
  index: number;
  now: number;
  loadPhoto: PhotoLoader;
}) {
  const { t } = useI18n();
  const phone = report.reporter?.phone ?? null;
  const href = telHref(phone);
  const name = report.reporter?.name ?? null;
  const accuracy = report.location.accuracyM;
  return (
    <li class="report" data-testid="report" data-report-id={report.id}>
      <div class="report-head">
        <strong>#{index + 1}</strong>
        <span>{t('detail.reportReceived', { time: formatClock(report.receivedAt, now) })}</span>
        {report.observedAt && (
          <span>{t('detail.reportObserved', { time: formatClock(report.observedAt, now) })}</span>
        )}
      </div>
      <div class="reporter">
        <span data-testid="reporter-name">
          {name ?? (phone ? '' : t(report.source === 'ALARM_DEVICE' ? 'alarm.report' : 'detail.anonymous'))}
        </span>
        {phone &&
          (href ? (
            <a class="tel" href={href} data-testid="reporter-phone">
              ☎ {phone}
            </a>
          ) : (
            <span data-testid="reporter-phone">{phone}</span>
          ))}
      </div>
      <p class="description" data-testid="report-description">
        {report.description ?? t('detail.noDescription')}
      </p>
      <div class="sub">
        {accuracy === null
          ? t('detail.accuracyUnknown')
          : t('detail.accuracy', { m: Math.round(accuracy) })}
      </div>
      <PhotoList photos={report.photos} load={loadPhoto} now={now} />
    </li>
  );
}
