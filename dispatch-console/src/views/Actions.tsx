import { useEffect, useState } from 'preact/hooks';
import type { IncidentDetail, IncidentStatus, IncidentSummary } from '../api/types';
import { useI18n } from '../i18n';
import { provinceChoices } from '../state/provinces';
import { shortId } from '../state/queue';

/** Statuses offered in the status picker, in workflow order; the server decides what is legal. */
const STATUS_CHOICES: IncidentStatus[] = ['ACKNOWLEDGED', 'DISPATCHED', 'ON_SCENE', 'CONTROLLED', 'CLOSED'];

/** The status an incident normally goes to next, preselected in the picker. */
export function nextStatus(status: IncidentStatus): IncidentStatus {
  const index = STATUS_CHOICES.indexOf(status);
  return STATUS_CHOICES[Math.min(index + 1, STATUS_CHOICES.length - 1)];
}

/** A button that must be pressed twice within 5 s: for what cannot be undone. */
function useConfirm(): [boolean, (run: () => void) => void] {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 5000);
    return () => clearTimeout(timer);
  }, [armed]);
  return [
    armed,
    (run) => {
      if (armed) {
        setArmed(false);
        run();
      } else setArmed(true);
    },
  ];
}

export interface PrimaryActionsProps {
  detail: IncidentDetail;
  picked: number;
  busy: string | null;
  onAcknowledge: () => Promise<boolean>;
  onDispatch: () => Promise<boolean>;
}

/** The two actions of the first minute, at the top of the panel (also keys A and D). */
export function PrimaryActions({ detail, picked, busy, onAcknowledge, onDispatch }: PrimaryActionsProps) {
  const { t } = useI18n();
  return (
    <div class="action-row primary-actions">
      <button
        type="button"
        class="primary"
        data-testid="action-acknowledge"
        disabled={busy !== null || detail.status !== 'NEW'}
        onClick={() => void onAcknowledge()}
      >
        {t('action.acknowledge')}
      </button>
      <button
        type="button"
        class="primary"
        data-testid="action-dispatch"
        disabled={busy !== null || picked === 0}
        onClick={() => void onDispatch()}
      >
        {picked === 0 ? t('action.dispatchNone') : t('action.dispatch', { n: picked })}
      </button>
    </div>
  );
}

export interface MoreActionsProps {
  detail: IncidentDetail;
  busy: string | null;
  candidates: IncidentSummary[];
  onStatus: (status: IncidentStatus, reason: string) => Promise<boolean>;
  onNote: (text: string) => Promise<boolean>;
  onMerge: (into: string) => Promise<boolean>;
  /** Supervisors and admins may move an incident to another province (the server checks too). */
  canMoveProvince?: boolean;
  onProvince?: (province: string) => Promise<boolean>;
}

/** Status, false alarm, note, merge, and (supervisors, admins) the incident's province. */
export function MoreActions(props: MoreActionsProps) {
  const { detail, busy, candidates } = props;
  const { t } = useI18n();
  const [status, setStatus] = useState<IncidentStatus>(nextStatus(detail.status));
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [mergeInto, setMergeInto] = useState('');
  const [province, setProvince] = useState(detail.province ?? '');
  const [falseArmed, confirmFalse] = useConfirm();
  const [mergeArmed, confirmMerge] = useConfirm();

  useEffect(() => setStatus(nextStatus(detail.status)), [detail.id, detail.status]);
  useEffect(() => {
    setReason('');
    setNote('');
    setMergeInto('');
  }, [detail.id]);
  useEffect(() => setProvince(detail.province ?? ''), [detail.id, detail.province]);
  useEffect(() => {
    if (mergeInto && !candidates.some((c) => c.id === mergeInto)) setMergeInto('');
  }, [candidates, mergeInto]);

  const disabled = busy !== null;
  return (
    <section class="detail-section actions" aria-label={t('detail.actions')}>
      <div class="action-row">
        <label>
          {t('action.statusLabel')}
          <select
            value={status}
            data-testid="status-select"
            onChange={(e) => setStatus(e.currentTarget.value as IncidentStatus)}
          >
            {STATUS_CHOICES.filter((s) => s !== detail.status).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          {t('action.reasonLabel')}
          <input
            value={reason}
            maxLength={500}
            data-testid="status-reason"
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </label>
      </div>
      <div class="action-row">
        <button
          type="button"
          data-testid="action-status"
          disabled={disabled || status === detail.status}
          onClick={async () => (await props.onStatus(status, reason)) && setReason('')}
        >
          {t('action.status')}
        </button>
        <button
          type="button"
          class={falseArmed ? 'danger armed' : 'danger'}
          data-testid="action-false-alarm"
          disabled={disabled}
          onClick={() =>
            confirmFalse(async () => (await props.onStatus('FALSE_ALARM', reason)) && setReason(''))
          }
        >
          {falseArmed ? t('action.confirm') : t('action.falseAlarm')}
        </button>
      </div>

      <div class="action-row">
        <label class="grow">
          {t('action.noteLabel')}
          <textarea
            rows={2}
            maxLength={2000}
            value={note}
            data-testid="note-text"
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </label>
        <button
          type="button"
          data-testid="action-note"
          disabled={disabled || !note.trim()}
          onClick={async () => (await props.onNote(note)) && setNote('')}
        >
          {t('action.note')}
        </button>
      </div>

      <div class="action-row">
        {candidates.length === 0 ? (
          <span class="sub">{t('action.mergeNone')}</span>
        ) : (
          <label class="grow">
            {t('action.mergeLabel')}
            <select
              value={mergeInto}
              data-testid="merge-target"
              onChange={(e) => setMergeInto(e.currentTarget.value)}
            >
              <option value="">—</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  #{shortId(c.id)} · {t(`kind.${c.kind}`)} · {t(`status.${c.status}`)} ·{' '}
                  {c.province ?? t('queue.noProvince')}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          class={mergeArmed ? 'danger armed' : 'danger'}
          data-testid="action-merge"
          disabled={disabled || !mergeInto}
          onClick={() => confirmMerge(() => void props.onMerge(mergeInto))}
        >
          {mergeArmed ? t('action.confirm') : t('action.merge')}
        </button>
      </div>

      {props.canMoveProvince && props.onProvince && (
        <div class="action-row">
          <label class="grow">
            {t('action.provinceLabel')}
            <select
              value={province}
              data-testid="province-select"
              onChange={(e) => setProvince(e.currentTarget.value)}
            >
              {!detail.province && <option value="">{t('queue.noProvince')}</option>}
              {provinceChoices([detail.province]).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="action-province"
            disabled={disabled || !province || province === detail.province}
            onClick={() => void props.onProvince?.(province)}
          >
            {t('action.province')}
          </button>
        </div>
      )}
    </section>
  );
}
