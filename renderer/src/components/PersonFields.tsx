import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { memberRoles, type MemberRole } from '../../../common/domain/model';
import { RequiredTextField, SelectField } from './fields';
import { PartyField } from './PartyField';

type Person = { name: string; role?: MemberRole; party: string | null };

type Props = {
  /** The role select is shown when the person has a role. */
  value: Person;
  /** False in an add form, whose own first field is the name. */
  hasName?: boolean;
  onChange(change: Partial<Person>, isValid: boolean): void;
  /** Fields between the name and the role (e.g. attendance). */
  afterName?: ReactNode;
};

/** Name (blank is marked at once and not valid), role and party of a member or participant. */
export function PersonFields({ value, hasName = true, onChange, afterName }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {hasName && (
        <RequiredTextField
          label={t('members.name')}
          value={value.name}
          maxLength={200}
          onChange={(name, isValid) => onChange({ name }, isValid)}
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
