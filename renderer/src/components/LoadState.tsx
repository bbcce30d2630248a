import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import { ProblemError } from '../share/ProblemError';
import { errorDetail } from './errorText';

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
      <p>
        {t(`errors.${error.code}`, { defaultValue: t('errors.internal') })}{' '}
        {errorDetail(error, i18n.language)}
      </p>
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
  // Several problems (an invalid document, CPR numbers in a public edition) as a list.
  if (error.details && error.details.length > 0) return <ProblemError error={error} />;
  return (
    <p className="inline-error" role="alert">
      {t(`errors.${error.code}`, { defaultValue: t('errors.internal') })}{' '}
      {errorDetail(error, i18n.language)}
    </p>
  );
}
