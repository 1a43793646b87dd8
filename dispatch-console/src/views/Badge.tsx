import type { IncidentStatus, UnitStatus } from '../api/types';
import { useI18n } from '../i18n';
import { deviceState } from '../state/devices';
import { deviceColours, incidentColours, unitColours } from './palette';

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

/** A fire-alarm transmitter's state: its colour and its name. */
export function DeviceStateBadge({ state, testId }: { state: string; testId?: string }) {
  const { t } = useI18n();
  const known = deviceState({ state });
  const colours = deviceColours[known];
  return (
    <span
      class="badge"
      data-testid={testId}
      data-state={known}
      style={{ background: colours.bg, color: colours.fg }}
    >
      {t(`deviceState.${known}`)}
    </span>
  );
}

/** The mark of an incident a fire-alarm transmitter signalled into, read out as "Báo cháy tự động". */
export function AlarmBadge() {
  const { t } = useI18n();
  const label = t('alarm.badge');
  return (
    <span class="alarm-badge" data-testid="alarm-badge" role="img" aria-label={label} title={label}>
      {t('alarm.short')}
    </span>
  );
}
