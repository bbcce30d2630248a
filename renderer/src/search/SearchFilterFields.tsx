/**
 * The filters the search screen and the decision register share: committee, date range and
 * "include closed items", built from the app's labelled form controls. The committee list is
 * loaded here, for the committee filter only.
 */
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { DateInputField } from '../components/DateTimeFields';
import { CheckboxField, SelectField } from '../components/fields';

/** The shared part of both screens' filters. */
export type SharedFilters = {
  committeeId: string;
  from: string;
  to: string;
  isClosedIncluded: boolean;
};

/** Every committee, any date, closed items left out: what both screens start with. */
export const noSharedFilters: SharedFilters = {
  committeeId: '',
  from: '',
  to: '',
  isClosedIncluded: false,
};

/** The shared filters as request fields: an empty committee or date is no filter. */
export function sharedFilterInput(filters: SharedFilters): {
  isClosedIncluded: boolean;
  committeeIds?: string[];
  from?: string;
  to?: string;
} {
  return {
    isClosedIncluded: filters.isClosedIncluded,
    ...(filters.committeeId ? { committeeIds: [filters.committeeId] } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
}

/** The shared filters; `children` (a screen's own filters) stand before "include closed". */
export function SearchFilterFields({
  filters,
  onChange,
  children,
}: {
  filters: SharedFilters;
  onChange(patch: Partial<SharedFilters>): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { client } = useApp();
  const loadCommittees = useCallback(() => client.call('committees:list', {}), [client]);
  const { resource: committees } = useResource(loadCommittees);
  return (
    <>
      <SelectField
        label={t('search.committee')}
        value={filters.committeeId}
        options={[
          { value: '', label: t('search.allCommittees') },
          ...(committees.status === 'loaded' ? committees.value : []).map((committee) => ({
            value: committee.id,
            label: committee.name,
          })),
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
      {children}
      <CheckboxField
        label={t('search.includeClosed')}
        checked={filters.isClosedIncluded}
        onChange={(isClosedIncluded) => onChange({ isClosedIncluded })}
      />
    </>
  );
}
