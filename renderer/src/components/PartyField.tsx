import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './fields';

const partyPattern = /^[A-ZÆØÅ]{1,3}$/;

type Props = {
  value: string | null;
  /** Called with a valid party letter, or null when the field is emptied. */
  onChange(value: string | null): void;
  label?: string;
};

/** A party letter (A, V, C, Ø ...): typed letters are upper-cased; invalid text is shown, not sent. */
export function PartyField({ value, onChange, label }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const trimmed = text.trim();
  const isValid = trimmed === '' || partyPattern.test(trimmed);
  return (
    <TextField
      label={label ?? t('members.party')}
      value={text}
      maxLength={3}
      className="field--narrow"
      error={isValid ? null : t('validation.party')}
      onChange={(next) => {
        const upper = next.toLocaleUpperCase('da');
        setText(upper);
        const candidate = upper.trim();
        if (candidate === '') onChange(null);
        else if (partyPattern.test(candidate)) onChange(candidate);
      }}
    />
  );
}
