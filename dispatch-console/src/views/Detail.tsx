import type { IncidentDetail, IncidentStatus, IncidentSummary, PremisesCard, Role, UnitStatus } from '../api/types';
import { useI18n } from '../i18n';
import { formatAge, formatClock, formatDistance } from '../i18n/format';
import { isAlarm, shortId, trustLevel } from '../state/queue';
import { MoreActions, PrimaryActions } from './Actions';
import { AlarmBadge, DeviceStateBadge, StatusBadge, UnitStatusBadge } from './Badge';
import { Conversation } from './Conversation';
import type { PhotoLoader } from './Photo';
import { ReportCard } from './ReportCard';
import { telHref } from './safe';
import { UnitStatusControl } from './UnitStatusControl';
import { describeTimelineEntry } from './timeline';
import { describeTrustReason } from './trust';

export interface DetailProps {
  selectedId: string | null;
  detail: IncidentDetail | null;
  picked: string[];
  busy: string | null;
  candidates: IncidentSummary[];
  now: number;
  loadPhoto: PhotoLoader;
  onTogglePick: (unitId: string) => void;
  onAcknowledge: () => Promise<boolean>;
  onDispatch: () => Promise<boolean>;
  onStatus: (status: IncidentStatus, reason: string) => Promise<boolean>;
  onNote: (text: string) => Promise<boolean>;
  onMerge: (into: string) => Promise<boolean>;
  onSendMessage: (text: string, reportId: string | null) => Promise<boolean>;
  onUnitStatus: (unitId: string, status: UnitStatus) => Promise<boolean>;
  /** The signed-in dispatcher's role: supervisors and admins may move an incident's province. */
  role?: Role;
  onProvince?: (province: string) => Promise<boolean>;
}

/** Everything about the selected incident, and what the dispatcher can do with it. */
export function Detail(props: DetailProps) {
  const { detail, selectedId, now, busy } = props;
  const { t, lang } = useI18n();

  if (!selectedId) {
    return (
      <section class="panel detail-panel" data-testid="detail" data-state="none">
        <p class="empty">{t('detail.none')}</p>
      </section>
    );
  }
  if (!detail || detail.id !== selectedId) {
    return (
      <section class="panel detail-panel" data-testid="detail" data-state="loading">
        <p class="empty">{t('detail.loading')}</p>
      </section>
    );
  }

  return (
    <section
      class="panel detail-panel"
      data-testid="detail"
      data-state="loaded"
      data-incident-id={detail.id}
      data-version={detail.version}
      aria-labelledby="detail-title"
    >
      <header class="panel-header detail-header">
        <h2 id="detail-title">
          {t(`kind.${detail.kind}`)} · {detail.province ?? t('queue.noProvince')}
        </h2>
        <StatusBadge status={detail.status} testId="detail-status" />
        {isAlarm(detail) && <AlarmBadge />}
        <span class="sub">{t('detail.incidentId', { id: shortId(detail.id) })}</span>
        {detail.acknowledgedBy && (
          <span class="sub">{t('queue.ackBy', { name: detail.acknowledgedBy })}</span>
        )}
        {detail.mergedInto && (
          <span class="sub">{t('detail.mergedInto', { id: shortId(detail.mergedInto) })}</span>
        )}
      </header>

      <div class="detail-body">
        <PrimaryActions
          detail={detail}
          picked={props.picked.length}
          busy={busy}
          onAcknowledge={props.onAcknowledge}
          onDispatch={props.onDispatch}
        />
        {detail.premises && <PremisesPanel premises={detail.premises} now={now} />}
        <TrustPanel detail={detail} />
        <section class="detail-section">
          <h3>{t('detail.reports', { n: detail.reports.length })}</h3>
          <ol class="reports">
            {detail.reports.map((report, index) => (
              <ReportCard
                key={report.id}
                report={report}
                index={index}
                now={now}
                loadPhoto={props.loadPhoto}
              />
            ))}
          </ol>
        </section>

        <Conversation detail={detail} busy={busy} now={now} onSend={props.onSendMessage} />

        <section class="detail-section">
          <h3>{t('detail.stations')}</h3>
          {detail.recommendedStations.length === 0 ? (
            <p class="sub">{t('detail.noStations')}</p>
          ) : (
            <ul class="stations">
              {detail.recommendedStations.map((station) => {
                const available = station.units.filter((u) => u.status === 'AVAILABLE');
                const href = telHref(station.phone);
                return (
                  <li key={station.id} class="station" data-testid="station" data-station-id={station.id}>
                    <div class="station-head">
                      <strong>{station.name}</strong>
                      <span class="distance">{formatDistance(lang, station.distanceM)}</span>
                      {href ? (
                        <a class="tel" href={href}>
                          ☎ {station.phone}
                        </a>
                      ) : (
                        <span>{station.phone}</span>
                      )}
                    </div>
                    {available.length === 0 ? (
                      <p class="sub">{t('detail.noAvailableUnits')}</p>
                    ) : (
                      <ul class="unit-picks">
                        {available.map((unit) => (
                          <li key={unit.id}>
                            <label class="unit-pick">
                              <input
                                type="checkbox"
                                data-testid="unit-checkbox"
                                data-unit-id={unit.id}
                                checked={props.picked.includes(unit.id)}
                                onChange={() => props.onTogglePick(unit.id)}
                              />
                              <strong>{unit.callsign}</strong>
                              <span>{t(`unitType.${unit.type}`)}</span>
                              <UnitStatusBadge status={unit.status} />
                            </label>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </section>

        <section class="detail-section">
          <h3>{t('detail.assignments')}</h3>
          {detail.assignments.length === 0 ? (
            <p class="sub">{t('detail.noAssignments')}</p>
          ) : (
            <ul class="assignments">
              {detail.assignments.map((a) => (
                <li key={a.unitId} data-testid="assignment" data-unit-id={a.unitId}>
                  <strong>{a.callsign}</strong>
                  <span>{a.stationName}</span>
                  <UnitStatusBadge status={a.status} />
                  <span class="sub">{formatClock(a.dispatchedAt, now)}</span>
                  <UnitStatusControl
                    unitId={a.unitId}
                    callsign={a.callsign}
                    status={a.status}
                    busy={busy !== null}
                    onChange={props.onUnitStatus}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <MoreActions
          detail={detail}
          busy={busy}
          candidates={props.candidates}
          onStatus={props.onStatus}
          onNote={props.onNote}
          onMerge={props.onMerge}
          canMoveProvince={props.role === 'SUPERVISOR' || props.role === 'ADMIN'}
          onProvince={props.onProvince}
        />
        <section class="detail-section">
          <h3>{t('detail.notes')}</h3>
          {detail.notes.length === 0 ? (
            <p class="sub">{t('detail.noNotes')}</p>
          ) : (
            <ul class="notes">
              {detail.notes.map((note) => (
                <li key={note.id} data-testid="note">
                  <span class="sub">
                    {formatClock(note.at, now)} · {note.author}
                  </span>
                  <p class="note-text">{note.text}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="detail-section">
          <h3>{t('detail.timeline')}</h3>
          <ol class="timeline">
            {[...detail.timeline]
              .sort((a, b) => b.seq - a.seq)
              .map((entry) => (
                <li key={entry.seq} data-testid="timeline-entry">
                  <span class="sub">{formatClock(entry.at, now)}</span>
                  {entry.actor && <span class="actor">{entry.actor}</span>}
                  <span>{describeTimelineEntry(entry, t)}</span>
                </li>
              ))}
          </ol>
        </section>
      </div>
    </section>
  );
}

/**
 * How far the server trusts the incident's reports, and why, in words ("40 tin báo từ cùng một
 * địa chỉ trong 5 phút", "Thiết bị mới"); and whether one source opened many incidents at once.
 * Only a hint for the dispatcher: no incident is ever hidden for it.
 */
function TrustPanel({ detail }: { detail: IncidentDetail }) {
  const { t } = useI18n();
  const level = trustLevel(detail);
  const reasons = detail.trust?.reasons ?? [];
  const score = detail.trust?.score;
  return (
    <section class="detail-section trust" data-testid="trust" data-level={level} aria-labelledby="trust-title">
      <h3 id="trust-title">{t('trust.title')}</h3>
      <p class="trust-head">
        <span class={`trust-level trust-${level.toLowerCase()}`} data-testid="trust-level">
          {t(`trust.${level}`)}
        </span>
        {typeof score === 'number' && <span class="sub">{t('trust.score', { score })}</span>}
      </p>
      {reasons.length === 0 ? (
        <p class="sub">{t('trust.noReasons')}</p>
      ) : (
        <ul class="trust-reasons">
          {reasons.map((reason, index) => (
            <li key={`${reason.code}-${index}`} data-testid="trust-reason" data-code={reason.code}>
              {describeTrustReason(reason, t)}
            </li>
          ))}
        </ul>
      )}
      {detail.burst && (
        <p class="burst-info" data-testid="burst-info">
          {t('burst.detail', { n: detail.burst.size })}
        </p>
      )}
    </section>
  );
}

/**
 * The building whose fire-alarm transmitter signalled: where it is, how high, which zones alarmed,
 * who to call there, and the transmitter's state. Everything in it is what a supervisor typed or
 * the panel sent, shown as text; a contact's phone is a tap-to-call link when it is dialable.
 */
function PremisesPanel({ premises, now }: { premises: PremisesCard; now: number }) {
  const { t } = useI18n();
  const zones = Array.isArray(premises.zones) ? premises.zones : [];
  const contacts = Array.isArray(premises.contacts) ? premises.contacts : [];
  return (
    <section
      class="detail-section premises"
      data-testid="premises-card"
      data-premises-id={premises.id}
      aria-labelledby="premises-title"
    >
      <h3 id="premises-title">{t('premises.title')}</h3>
      <p class="premises-name" data-testid="premises-name">
        {premises.name}
      </p>
      <p data-testid="premises-address">{premises.address}</p>
      <p class="sub">
        {premises.province && <span>{premises.province} · </span>}
        <span data-testid="premises-account">{t('premises.account', { id: premises.accountId })}</span>
      </p>
      {typeof premises.floors === 'number' && (
        <p data-testid="premises-floors">{t('premises.floors', { n: premises.floors })}</p>
      )}
      {zones.length > 0 && (
        <p class="premises-zones" data-testid="premises-zones">
          {t('premises.zones', { zones: zones.join(', ') })}
        </p>
      )}
      {premises.device && <DeviceLine device={premises.device} now={now} />}
      <h4>{t('premises.contacts')}</h4>
      {contacts.length === 0 ? (
        <p class="sub">{t('premises.noContacts')}</p>
      ) : (
        <ul class="premises-contacts">
          {contacts.map((contact, index) => {
            const href = telHref(contact.phone);
            return (
              <li key={`${contact.phone}-${index}`} data-testid="premises-contact">
                <span data-testid="contact-name">{contact.name}</span>{' '}
                {href ? (
                  <a class="tel" href={href} data-testid="contact-phone">
                    ☎ {contact.phone}
                  </a>
                ) : (
                  <span data-testid="contact-phone">{contact.phone}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {premises.notes && (
        <>
          <h4>{t('premises.notes')}</h4>
          <p class="note-text" data-testid="premises-notes">
            {premises.notes}
          </p>
        </>
      )}
    </section>
  );
}

/** "Thiết bị báo cháy: Lỗi, từ 2 giờ 5 phút trước · Mã lỗi 373, vùng 005 · Tín hiệu cuối: 09:59:00". */
function DeviceLine({ device, now }: { device: PremisesCard['device']; now: number }) {
  const { t } = useI18n();
  const fault = device.fault;
  return (
    <p class="premises-device" data-testid="premises-device" data-state={device.state}>
      <span>{t('premises.device')}:</span> <DeviceStateBadge state={device.state} testId="device-state" />
      {device.since && (
        <span class="sub" title={t('device.sinceAt', { time: formatClock(device.since, now) })}>
          {' '}
          {t('device.since', { age: formatAge(t, device.since, now) })}
        </span>
      )}
      {fault && (
        <span data-testid="device-fault">
          {' · '}
          {fault.zone
            ? t('device.faultZone', { code: fault.code, zone: fault.zone })
            : t('device.fault', { code: fault.code })}
        </span>
      )}
      <span class="sub">
        {' · '}
        {device.lastSignalAt
          ? t('device.lastSignal', { time: formatClock(device.lastSignalAt, now) })
          : t('device.noSignal')}
      </span>
    </p>
  );
}
