import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition } from '../../../common/export/editions';
import './editionExportRow.css';

const editions: readonly Edition[] = ['full', 'public'];

/** The edition choice of an export (Fuld / Offentlig) as a labelled radio group. */
export function EditionPicker({
  legend,
  className,
  value,
  onChange,
  isDisabled,
}: {
  legend: string;
  className: string;
  value: Edition;
  onChange(edition: Edition): void;
  isDisabled: boolean;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className={className} disabled={isDisabled}>
      <legend>{legend}</legend>
      {editions.map((edition) => (
        <label key={edition}>
          <input
            type="radio"
            name={name}
            value={edition}
            checked={value === edition}
            onChange={() => onChange(edition)}
          />{' '}
          {t(`pdf.editions.${edition}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A panel's row of exports: the edition choice, then the panel's buttons. Everything in it is
 * disabled while one of its exports runs. `block` is the panel's CSS block: the row is
 * `block__row`, the choice `block__editions`.
 */
export function EditionExportRow({
  block,
  legend,
  value,
  onChange,
  isBusy,
  children,
}: {
  block: string;
  legend: string;
  value: Edition;
  onChange(edition: Edition): void;
  isBusy: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`${block}__row`}>
      <EditionPicker
        className={`${block}__editions`}
        legend={legend}
        value={value}
        onChange={onChange}
        isDisabled={isBusy}
      />
      {children}
    </div>
  );
}
