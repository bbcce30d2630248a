import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';

/**
 * An error whose message lists problems one per line after a summary line (a tampered archive
 * package lists every bad file; a public edition with CPR numbers lists every place): the
 * summary as text, the problems as a list a screen reader can count.
 */
export function ProblemError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const [summary = '', ...rest] = error.message.split('\n');
  const problems = rest.map((line) => line.replace(/^- /, '').trim()).filter((line) => line !== '');
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
