import { isIncidentStatus, type TimelineEntry } from '../api/types';
import type { MessageKey, Translate } from '../i18n';
import { shortId } from '../state/queue';

/**
 * The words for one timeline entry, in the console's language. The server sends only what changed
 * (types, statuses, callsigns, counts); notes and reasons are shown as the dispatcher typed them.
 * A message is only said to have been written: its text is in the conversation panel. A fire
 * alarm's entries name its zone (the panel's own label, shown as it came).
 */
export function describeTimelineEntry(entry: TimelineEntry, t: Translate): string {
  const zone = typeof entry.zone === 'string' && entry.zone !== '' ? entry.zone : null;
  switch (entry.type) {
    case 'IncidentOpened':
      // The first alarm of a premises opens the incident like a first report, with its zone.
      return zone ? t('timeline.IncidentOpenedAlarm', { zone }) : t('timeline.IncidentOpened');
    case 'AlarmSignalled':
    case 'AlarmRestored':
      return t(`timeline.${entry.type}`, { zone: zone ?? '?' });
    case 'IncidentAcknowledged':
    case 'PhotoAdded':
    case 'MessagesRead':
    case 'AlertIssued':
    case 'AlertUpdated':
    case 'AlertCancelled':
      return t(`timeline.${entry.type}`);
    case 'MessageSent': {
      // `from` says who wrote; without it, a dispatcher's message is the one with an actor.
      const byDispatcher = entry.from ? entry.from === 'DISPATCHER' : Boolean(entry.actor);
      return t(byDispatcher ? 'timeline.MessageSentDispatcher' : 'timeline.MessageSentReporter');
    }
    case 'ReportJoined':
      return zone
        ? t('timeline.ReportJoinedAlarm', { zone, n: entry.reportCount ?? 0 })
        : t('timeline.ReportJoined', { n: entry.reportCount ?? 0 });
    case 'UnitsDispatched':
      return t('timeline.UnitsDispatched', { units: (entry.units ?? []).join(', ') });
    case 'IncidentStatusChanged': {
      const from = isIncidentStatus(entry.from) ? t(`status.${entry.from}`) : '?';
      const to = isIncidentStatus(entry.to) ? t(`status.${entry.to}`) : '?';
      return entry.reason
        ? t('timeline.IncidentStatusChangedReason', { from, to, reason: entry.reason })
        : t('timeline.IncidentStatusChanged', { from, to });
    }
    case 'NoteAdded':
      return t('timeline.NoteAdded', { text: entry.text ?? '' });
    case 'IncidentMerged':
    case 'IncidentAbsorbed':
      return t(`timeline.${entry.type}` as MessageKey, { id: entry.otherIncidentId ? shortId(entry.otherIncidentId) : '?' });
    case 'UnitStatusChanged':
      return t('timeline.UnitStatusChanged', {
        callsign: entry.unit?.callsign ?? '?',
        status: entry.unit ? t(`unitStatus.${entry.unit.status}`) : '?',
      });
    default:
      return t('timeline.other', { type: entry.type });
  }
}
