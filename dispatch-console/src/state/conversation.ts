import type { DispatcherMessage, IncidentDetail } from '../api/types';
import type { ConsoleState } from './console';

/** Longest message the API takes (characters). */
export const MESSAGE_MAX_LENGTH = 1000;

/**
 * Whether the controller should mark the open incident's reporters' messages read now: the
 * selected incident's detail is shown, says there are unread messages, and is not the very detail
 * already marked for. Each fetched detail (or action answer) is a new object, so this marks at
 * most once per detail load: a failed marking is tried again only when the detail loads again
 * (the next event about it), never in a loop; a successful one brings a `MessagesRead` event,
 * whose reload shows 0.
 */
export function shouldMarkRead(
  state: Pick<ConsoleState, 'detail' | 'selectedId'>,
  lastMarked: IncidentDetail | null,
): boolean {
  const { detail, selectedId } = state;
  if (!detail || detail.id !== selectedId || detail === lastMarked) return false;
  return detail.unreadMessages > 0;
}

/** The conversation oldest first (the server sends it so; sorted again to be sure). */
export function conversationOf(detail: IncidentDetail): DispatcherMessage[] {
  // An older backend may not send messages yet: no conversation rather than a broken panel.
  const messages = detail.messages ?? [];
  return [...messages].sort((a, b) => a.seq - b.seq);
}

/** A reporter's number as the detail shows it: the report's 1-based position, or null if absent. */
export function reporterNumber(detail: IncidentDetail, reportId: string | null): number | null {
  if (!reportId) return null;
  const index = detail.reports.findIndex((report) => report.id === reportId);
  return index < 0 ? null : index + 1;
}
