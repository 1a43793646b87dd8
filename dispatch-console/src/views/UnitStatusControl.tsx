import { useEffect, useState } from 'preact/hooks';
import { UNIT_STATUSES, type UnitStatus } from '../api/types';
import { useI18n } from '../i18n';

export interface UnitStatusControlProps {
  unitId: string;
  callsign: string;
  status: UnitStatus;
  busy: boolean;
  onChange: (unitId: string, status: UnitStatus) => Promise<boolean>;
}

/** Pick a unit status and apply it: two steps, so a slip of the mouse changes nothing. */
export function UnitStatusControl({ unitId, callsign, status, busy, onChange }: UnitStatusControlProps) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<UnitStatus>(status);
  useEffect(() => setChoice(status), [status]);
  return (
    <span class="unit-status-control">
      <select
        aria-label={t('action.unitStatusLabel', { callsign })}
        value={choice}
        data-testid="unit-status-select"
        data-unit-id={unitId}
        onChange={(e) => setChoice(e.currentTarget.value as UnitStatus)}
      >
        {UNIT_STATUSES.map((option) => (
          <option key={option} value={option}>
            {t(`unitStatus.${option}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid="unit-status-apply"
        data-unit-id={unitId}
        disabled={busy || choice === status}
        onClick={() => void onChange(unitId, choice)}
      >
        {t('action.unitStatus')}
      </button>
    </span>
  );
}
