import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import { errorDetail } from './errorText';

/**
 * The text of an error in the UI's language: the headline for its code, then its localized
 * message when the main process sent one (a `signatureStatus` value also fills `reason`),
 * else the message as sent, with invalid input's problems in the UI's language.
 */
export function errorText(t: TFunction, error: ApiError, language: string): string {
  const headline = t(`errors.${error.code}`, { defaultValue: t('errors.internal') });
  const localized = error.localized;
  if (!localized) return `${headline} ${errorDetail(error, language)}`;
  const values: Record<string, string | number> = { ...localized.values };
  if (typeof values.signatureStatus === 'string')
    values.reason = t(`lifecycle.verify.reasons.${values.signatureStatus}`, { defaultValue: '' });
  const text = t(`apiMessages.${localized.key}`, { ...values, defaultValue: error.message });
  return `${headline} ${text}`;
}

/** The loading and failure states of a screen. */
export function LoadState({ error, onRetry }: { error?: ApiError; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) {
    return (
      <p className="load-state" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <div className="load-state load-state--error" role="alert">
      <p>{errorText(t, error, i18n.language)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}

/** An error answer shown inline next to the control that caused it. */
export function InlineError({ error }: { error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {errorText(t, error, i18n.language)}
    </p>
  );
}
