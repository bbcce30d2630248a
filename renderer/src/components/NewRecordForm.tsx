import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { TextField } from './fields';
import { InlineError } from './LoadState';

type Props<T, D> = {
  /** Id of the heading that names the form. */
  headingId: string;
  heading: string;
  submitLabel: string;
  /** The empty form; it comes back after each record is created. */
  blank: D;
  /**
   * The record's name or title, the form's first field: blank is refused before the library
   * is asked.
   */
  required: { key: keyof D & string; label: string; maxLength: number; className?: string };
  /** Asks the library to create the record (run in the save queue). */
  create(draft: D): Promise<Result<T>>;
  onCreated(record: T): void;
  /**
   * `subform`: a panel's own add form (h3, fields and button in one row); `panel`: a screen's
   * form (h2, a grid of fields, the button below).
   */
  variant?: 'subform' | 'panel';
  /** The other fields over the draft. */
  children(draft: D, change: (patch: Partial<D>) => void): ReactNode;
};

/** An "add" form: keeps the draft, checks the required field, creates, shows the library's error. */
export function NewRecordForm<T, D extends Record<string, unknown>>({
  headingId,
  heading,
  submitLabel,
  blank,
  required,
  create,
  onCreated,
  variant = 'subform',
  children,
}: Props<T, D>) {
  const { t } = useTranslation();
  const { queue } = useApp();
  const [draft, setDraft] = useState(blank);
  // Bumped after each create: fields that keep their own text (the party letter) start empty.
  const [generation, setGeneration] = useState(0);
  const [requiredError, setRequiredError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const requiredValue = String(draft[required.key] ?? '');
  const change = (patch: Partial<D>) => setDraft({ ...draft, ...patch });

  const submit = async () => {
    if (requiredValue.trim() === '') {
      setRequiredError(t('validation.required'));
      return;
    }
    setRequiredError(null);
    setBusy(true);
    const result = await queue.run(() => create(draft));
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setDraft(blank);
    setGeneration((current) => current + 1);
    onCreated(result.value);
  };

  const button = (
    <button type="submit" className="button--primary" disabled={isBusy}>
      {submitLabel}
    </button>
  );
  const Heading = variant === 'panel' ? 'h2' : 'h3';
  return (
    <form
      className={variant}
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Heading id={headingId}>{heading}</Heading>
      <div className={variant === 'panel' ? 'field-grid' : 'record__row'}>
        <TextField
          label={required.label}
          value={requiredValue}
          onChange={(value) => change({ [required.key]: value } as Partial<D>)}
          isRequired
          error={requiredError}
          maxLength={required.maxLength}
          className={required.className}
        />
        <Fragment key={generation}>{children(draft, change)}</Fragment>
        {variant === 'subform' && button}
      </div>
      <InlineError error={error} />
      {variant === 'panel' && <div className="button-row">{button}</div>}
    </form>
  );
}
