/**
 * The filters the search screen and the decision register share: committee and date range,
 * built from the app's labelled form controls.
 */
import { useTranslation } from 'react-i18next';
import { DateInputField } from '../components/DateTimeFields';
import { SelectField } from '../components/fields';

/** The shared part of both screens' filters. */
export type CommitteeDateFilters = { committeeId: string; from: string; to: string };

export function SearchFilterFields({
  filters,
  committees,
  onChange,
}: {
  filters: CommitteeDateFilters;
  committees: readonly { id: string; name: string }[];
  onChange(patch: Partial<CommitteeDateFilters>): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('search.committee')}
        value={filters.committeeId}
        options={[
          { value: '', label: t('search.allCommittees') },
          ...committees.map((committee) => ({ value: committee.id, label: committee.name })),
        ]}
        onChange={(committeeId) => onChange({ committeeId })}
      />
      <DateInputField
        label={t('search.from')}
        value={filters.from}
        onChange={(from) => onChange({ from })}
      />
      <DateInputField
        label={t('search.to')}
        value={filters.to}
        onChange={(to) => onChange({ to })}
      />
    </>
  );
}
