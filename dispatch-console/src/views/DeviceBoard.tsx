import type { DeviceBoardEntry } from '../api/types';
import { useI18n } from '../i18n';
import { formatAge, formatClock } from '../i18n/format';
import { deviceState } from '../state/devices';
import { DeviceStateBadge } from './Badge';

export interface DeviceBoardProps {
  /** The devices in board order (sortDevices). */
  devices: DeviceBoardEntry[];
  loaded: boolean;
  now: number;
  onClose?: () => void;
}

/**
 * The fire-alarm transmitters that need someone's attention: faulty, silent or never heard from,
 * the longest in trouble first. Names, addresses and fault codes are data, shown as text.
 */
export function DeviceBoard({ devices, loaded, now, onClose }: DeviceBoardProps) {
  const { t } = useI18n();
  const multiProvince = new Set(devices.map((device) => device.province ?? '')).size > 1;
  return (
    <section
      class="panel unit-panel device-panel"
      aria-labelledby="devices-title"
      data-testid="device-board"
      data-loaded={loaded ? 'true' : 'false'}
    >
      <header class="panel-header">
        <h2 id="devices-title">{t('devices.title')}</h2>
        {onClose && (
          <button type="button" class="panel-close" data-testid="devices-close" onClick={onClose}>
            {t('devices.close')}
          </button>
        )}
      </header>
      {!loaded && devices.length === 0 ? (
        <p class="empty">{t('devices.loading')}</p>
      ) : devices.length === 0 ? (
        <p class="empty" data-testid="devices-empty">
          {t('devices.empty')}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="units devices">
            <thead>
              <tr>
                <th scope="col">{t('devices.premises')}</th>
                <th scope="col">{t('devices.state')}</th>
                <th scope="col">{t('devices.since')}</th>
                <th scope="col">{t('devices.lastSignal')}</th>
                <th scope="col">{t('devices.fault')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr
                  key={device.premisesId}
                  data-testid="device-row"
                  data-premises-id={device.premisesId}
                  data-account-id={device.accountId}
                  data-state={deviceState(device)}
                >
                  <td>
                    <strong data-testid="device-name">{device.name}</strong>
                    {device.demo && <span class="demo-tag"> {t('devices.demo')}</span>}
                    <span class="sub" data-testid="device-address">
                      {device.address}
                    </span>
                    {multiProvince && device.province && <span class="sub">{device.province}</span>}
                  </td>
                  <td>
                    <DeviceStateBadge state={device.state} testId="device-state" />
                  </td>
                  <td data-testid="device-since">
                    {device.since ? (
                      <span title={t('device.sinceAt', { time: formatClock(device.since, now) })}>
                        {formatAge(t, device.since, now)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-testid="device-last-signal">
                    {device.lastSignalAt ? formatClock(device.lastSignalAt, now) : t('device.noSignal')}
                  </td>
                  <td data-testid="device-fault">
                    {device.fault
                      ? device.fault.zone
                        ? t('device.faultZone', { code: device.fault.code, zone: device.fault.zone })
                        : t('device.fault', { code: device.fault.code })
                      : '—'}
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
