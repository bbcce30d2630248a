import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { memberRoles, type MemberRole } from '../../../main/common/domain/model';
import { RequiredTextField, SelectField, TextField } from './fields';
import { PartyField } from './PartyField';

type Person = { name: string; role?: MemberRole; party: string | null };

type Props = {
  /** The role select is shown when the person has a role. */
  value: Person;
  /**
   * An add form's message for a blank name (shown after submit). Without it the fields edit a
   * saved record: a blank name is marked at once and reported as not valid.
   */
  nameError?: string | null;
  onChange(change: Partial<Person>, isValid: boolean): void;
  /** Fields between the name and the role (e.g. attendance). */
  afterName?: ReactNode;
};

/** Name, role and party of a member or participant, in a record row or an add form. */
export function PersonFields({ value, nameError, onChange, afterName }: Props) {
  const { t } = useTranslation();
  const nameProps = { label: t('members.name'), value: value.name, maxLength: 200 };
  return (
    <>
      {nameError === undefined ? (
        <RequiredTextField
          {...nameProps}
          onChange={(name, isValid) => onChange({ name }, isValid)}
        />
      ) : (
        <TextField
          {...nameProps}
          isRequired
          error={nameError}
          onChange={(name) => onChange({ name }, true)}
        />
      )}
      {afterName}
      {value.role !== undefined && (
        <SelectField<MemberRole>
          label={t('members.role')}
          value={value.role}
          onChange={(role) => onChange({ role }, true)}
          options={memberRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
      )}
      <PartyField value={value.party} onChange={(party) => onChange({ party }, true)} />
    </>
  );
}
