import type { IncidentStatus, UnitStatus } from '../api/types';
import { useI18n } from '../i18n';
import { incidentColours, unitColours } from './palette';

/** An incident status: its colour and its name, never the colour alone. */
export function StatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  const { t } = useI18n();
  const colours = incidentColours[status];
  return (
    <span
      class="badge"
      data-testid={testId}
      data-status={status}
      style={{ background: colours.bg, color: colours.fg }}
    >
      {t(`status.${status}`)}
    </span>
  );
}

export function UnitStatusBadge({ status, testId }: { status: UnitStatus; testId?: string }) {
  const { t } = useI18n();
  const colours = unitColours[status];
  return (
    <span
      class="badge"
      data-testid={testId}
      data-status={status}
      style={{ background: colours.bg, color: colours.fg }}
    >
      {t(`unitStatus.${status}`)}
    </span>
  );
}
