import type { Unit, UnitStatus } from '../api/types';
import { useI18n } from '../i18n';
import { shortId } from '../state/queue';
import { UnitStatusBadge } from './Badge';
import { UnitStatusControl } from './UnitStatusControl';

export interface UnitBoardProps {
  units: Unit[];
  busy: string | null;
  onSelectIncident: (id: string) => void;
  onChangeStatus: (unitId: string, status: UnitStatus) => Promise<boolean>;
}

/** Every unit of the dispatcher's provinces, with its status, changeable. */
export function UnitBoard({ units, busy, onSelectIncident, onChangeStatus }: UnitBoardProps) {
  const { t } = useI18n();
  const multiProvince = new Set(units.map((unit) => unit.province)).size > 1;
  return (
    <section class="panel unit-panel" aria-labelledby="units-title" data-testid="unit-board">
      <header class="panel-header">
        <h2 id="units-title">{t('units.title')}</h2>
      </header>
      {units.length === 0 ? (
        <p class="empty">{t('units.empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="units">
            <thead>
              <tr>
                <th scope="col">{t('units.callsign')}</th>
                <th scope="col">{t('units.station')}</th>
                <th scope="col">{t('units.status')}</th>
                <th scope="col">{t('units.incident')}</th>
                <th scope="col">{t('units.change')}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((unit) => (
                <tr key={unit.id} data-testid="unit-row" data-unit-id={unit.id} data-status={unit.status}>
                  <td>
                    <strong>{unit.callsign}</strong>
                    <span class="sub">{t(`unitType.${unit.type}`)}</span>
                  </td>
                  <td>
                    {unit.stationName}
                    {multiProvince && <span class="sub">{unit.province}</span>}
                  </td>
                  <td>
                    <UnitStatusBadge status={unit.status} testId="unit-status" />
                  </td>
                  <td>
                    {unit.incidentId && (
                      <button
                        type="button"
                        class="link-button"
                        onClick={() => onSelectIncident(unit.incidentId as string)}
                      >
                        #{shortId(unit.incidentId)}
                      </button>
                    )}
                  </td>
                  <td>
                    <UnitStatusControl
                      unitId={unit.id}
                      callsign={unit.callsign}
                      status={unit.status}
                      busy={busy !== null}
                      onChange={onChangeStatus}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
