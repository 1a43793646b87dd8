import { type MessageKey, type Translate, useI18n } from '../i18n';
import type { Message, MessageParam } from '../state/console';

/** A message's sentence: the console's text with its parameters, or the server's own words. */
export function messageText(message: Message | null, t: Translate): string {
  if (!message) return '';
  if (message.text != null) return message.text;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    params[name] = isKeyParam(value) ? t(value.key) : value;
  }
  return message.key ? t(message.key, params) : '';
}

/**
 * The result of the last action, or the server's reason for refusing it: a known refusal in the
 * console's words, with the server's own (English) words on a second, smaller line.
 */
export function MessageArea({ message, onDismiss }: { message: Message | null; onDismiss: () => void }) {
  const { t } = useI18n();
  const text = messageText(message, t);
  return (
    <div
      class={`message ${message ? `message-${message.kind}` : 'message-empty'}`}
      data-testid="message"
      data-kind={message?.kind ?? 'none'}
      role={message?.kind === 'error' ? 'alert' : 'status'}
      aria-live="polite"
    >
      {message && (
        <>
          <span class="message-symbol" aria-hidden="true">
            {message.kind === 'ok' ? '✓' : '⚠'}
          </span>
          <span class="message-body">
            <span class="message-text" data-testid="message-text">
              {text}
            </span>
            {message.detail && message.detail !== text && (
              <span class="message-detail" data-testid="message-detail">
                {message.detail}
              </span>
            )}
          </span>
          <button type="button" class="message-dismiss" onClick={onDismiss} aria-label="×">
            ×
          </button>
        </>
      )}
    </div>
  );
}

function isKeyParam(value: MessageParam): value is { key: MessageKey } {
  return typeof value === 'object' && value !== null && 'key' in value;
}
