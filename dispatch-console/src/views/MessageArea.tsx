import { type MessageKey, useI18n } from '../i18n';
import type { Message, MessageParam } from '../state/console';

/** The result of the last action, or the server's reason for refusing it. */
export function MessageArea({ message, onDismiss }: { message: Message | null; onDismiss: () => void }) {
  const { t } = useI18n();
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message?.params ?? {})) {
    params[name] = isKeyParam(value) ? t(value.key) : value;
  }
  const text = message ? (message.text ?? (message.key ? t(message.key, params) : '')) : '';
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
          <span class="message-text" data-testid="message-text">
            {text}
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
