import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';

/**
 * An error that lists problems (a tampered archive package lists every bad file; a public
 * edition with CPR numbers lists every place; an invalid document every field): the message as
 * text, the error's details as a list a screen reader can count.
 */
export function ProblemError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const summary = error.message;
  const problems = (error.details ?? []).map((detail) => `${detail.path}: ${detail.message}`);
  return (
    <div className="inline-error problem-error" role="alert">
      <p>
        {t(`errors.${error.code}`, { defaultValue: t('errors.internal') })} {summary}
      </p>
      {problems.length > 0 && (
        <ul className="problem-error__list">
          {problems.map((problem, index) => (
            <li key={`${index}:${problem}`}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
