import { useEffect, useRef, useState } from 'preact/hooks';
import type { DispatcherMessage, IncidentDetail } from '../api/types';
import { type MessageKey, type Translate, useI18n } from '../i18n';
import { formatClock } from '../i18n/format';
import { vi } from '../i18n/vi';
import { conversationOf, MESSAGE_MAX_LENGTH, reporterNumber } from '../state/conversation';

/**
 * The quick replies, sent to citizens in Vietnamese whatever the console's language: their text is
 * the Vietnamese dictionary's, and the English one gives their meaning (the buttons' tooltips).
 */
const QUICK_REPLY_KEYS = ['quickReply.onTheWay', 'quickReply.leaveNow', 'quickReply.morePhotos'] as const;
export const QUICK_REPLIES: readonly { key: MessageKey; text: string }[] = QUICK_REPLY_KEYS.map((key) => ({
  key,
  text: vi[key],
}));

export interface ConversationProps {
  detail: IncidentDetail;
  busy: string | null;
  now: number;
  /** Sends `text` to one reporter (`reportId`) or all (null); true once the server took it. */
  onSend: (text: string, reportId: string | null) => Promise<boolean>;
}

/**
 * The conversation with the incident's reporters: what they and the dispatchers wrote, oldest
 * first, and a box to write to one reporter or all. Messages are people's words: text children
 * only (Preact escapes them), line breaks kept by CSS.
 */
export function Conversation({ detail, busy, now, onSend }: ConversationProps) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const messages = conversationOf(detail);

  useEffect(() => {
    setText('');
    setTarget('');
  }, [detail.id]);
  // A reporter chosen as the target whose report is no longer listed: back to all reporters.
  useEffect(() => {
    if (target && !detail.reports.some((report) => report.id === target)) setTarget('');
  }, [detail.reports, target]);
  // The newest message in view.
  useEffect(() => {
    const element = list.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [detail.id, messages.length]);

  const disabled = busy !== null;
  const send = async (body: string) => {
    if (disabled || !body.trim()) return;
    if (await onSend(body, target || null)) setText('');
  };

  return (
    <section class="detail-section conversation" data-testid="conversation" aria-labelledby="conversation-title">
      <h3 id="conversation-title">{t('conversation.title')}</h3>
      {messages.length === 0 ? (
        <p class="sub">{t('conversation.empty')}</p>
      ) : (
        <ol class="conversation-list" ref={list}>
          {messages.map((message) => (
            <ChatMessage key={message.messageId} message={message} detail={detail} now={now} t={t} />
          ))}
        </ol>
      )}

      <div class="action-row">
        <label>
          {t('conversation.target')}
          <select
            value={target}
            data-testid="conversation-target"
            onChange={(e) => setTarget(e.currentTarget.value)}
          >
            <option value="">{t('conversation.toAll')}</option>
            {detail.reports.map((report, index) => (
              <option key={report.id} value={report.id}>
                {t('conversation.reporter', { n: index + 1 })}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div class="quick-replies" role="group" aria-label={t('conversation.quickReplies')}>
        <span class="sub">{t('conversation.quickReplies')}</span>
        {QUICK_REPLIES.map((reply) => (
          <button
            key={reply.key}
            type="button"
            class="quick-reply"
            data-testid="quick-reply"
            data-text={reply.text}
            lang="vi"
            title={lang === 'vi' ? undefined : t(reply.key)}
            disabled={disabled}
            onClick={() => {
              setText(reply.text);
              void send(reply.text);
            }}
          >
            {reply.text}
          </button>
        ))}
      </div>

      <div class="action-row">
        <label class="grow">
          {t('conversation.input')}
          <textarea
            rows={3}
            maxLength={MESSAGE_MAX_LENGTH}
            value={text}
            data-testid="conversation-input"
            aria-describedby="conversation-counter"
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void send(text);
              }
            }}
          />
        </label>
      </div>
      <div class="action-row conversation-send-row">
        <span id="conversation-counter" class="sub counter" data-testid="conversation-counter">
          {t('conversation.counter', { n: text.length, max: MESSAGE_MAX_LENGTH })}
        </span>
        <button
          type="button"
          class="primary"
          data-testid="conversation-send"
          disabled={disabled || !text.trim()}
          onClick={() => void send(text)}
        >
          {t('conversation.send')}
        </button>
      </div>
    </section>
  );
}

function ChatMessage({
  message,
  detail,
  now,
  t,
}: {
  message: DispatcherMessage;
  detail: IncidentDetail;
  now: number;
  t: Translate;
}) {
  const reporter = (reportId: string | null) => {
    const n = reporterNumber(detail, reportId);
    return n === null ? t('conversation.reporterUnknown') : t('conversation.reporter', { n });
  };
  const fromReporter = message.from === 'REPORTER';
  return (
    <li
      class={`chat-message ${fromReporter ? 'chat-reporter' : 'chat-dispatcher'}`}
      data-testid="conversation-message"
      data-from={message.from}
      data-message-id={message.messageId}
    >
      <div class="chat-head">
        <strong class="chat-author">
          {fromReporter ? reporter(message.reportId) : t('conversation.dispatcher', { name: message.author ?? '?' })}
        </strong>
        {!fromReporter && (
          <span class="chat-to">
            → {message.reportId ? reporter(message.reportId) : t('conversation.toAll')}
          </span>
        )}
        <span class="sub chat-time">{formatClock(message.sentAt, now)}</span>
      </div>
      <p class="chat-text" data-testid="conversation-text">
        {message.text}
      </p>
    </li>
  );
}
