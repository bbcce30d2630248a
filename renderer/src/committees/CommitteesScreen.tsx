import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitteeKind, TemplateId } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { NewRecordForm } from '../components/NewRecordForm';
import { routeHash } from '../router';
import { OverviewScreen } from '../home/OverviewScreen';
import { CommitteeFields } from './CommitteeFields';

/** The committee list (one step from the start screen): every committee with its member and meeting counts, and "Nyt udvalg". */
export function CommitteesScreen() {
  const { t } = useTranslation();
  const { client } = useApp();
  const load = useCallback(() => client.call('committees:list', {}), [client]);
  const { resource, reload } = useResource(load);

  return (
    <OverviewScreen
      current="committees"
      resource={resource}
      onRetry={reload}
      content={(committees) =>
        committees.length === 0 ? (
          <p className="empty">{t('committees.empty')}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t('committees.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('committees.name')}</th>
                <th scope="col">{t('committees.kind')}</th>
                <th scope="col">{t('committees.organisation')}</th>
                <th scope="col" className="numeric">
                  {t('committees.memberCount')}
                </th>
                <th scope="col" className="numeric">
                  {t('committees.meetingCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {committees.map((committee) => (
                <tr key={committee.id}>
                  <th scope="row">
                    <a href={routeHash({ screen: 'committee', committeeId: committee.id })}>
                      {committee.name}
                    </a>
                  </th>
                  <td>{t(`committeeKinds.${committee.kind}`)}</td>
                  <td>{committee.organisation}</td>
                  <td className="numeric">{committee.memberCount}</td>
                  <td className="numeric">{committee.meetingCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    >
      <NewCommitteeForm />
    </OverviewScreen>
  );
}

/** "Nyt udvalg": creates a committee and opens it. */
export function NewCommitteeForm() {
  const { t } = useTranslation();
  const { client, navigate } = useApp();
  return (
    <NewRecordForm
      variant="panel"
      headingId="new-committee-heading"
      heading={t('committees.newHeading')}
      submitLabel={t('committees.create')}
      blank={{
        name: '',
        kind: 'staaende_udvalg' as CommitteeKind,
        organisation: '',
        template: 'fagudvalg' as TemplateId,
      }}
      required={{ key: 'name', label: t('committees.name'), maxLength: 200 }}
      create={(draft) =>
        client.call('committees:create', {
          ...draft,
          name: draft.name.trim(),
          organisation: draft.organisation.trim(),
        })
      }
      onCreated={(committee) => navigate({ screen: 'committee', committeeId: committee.id })}
    >
      {(draft, change) => <CommitteeFields value={draft} onChange={change} />}
    </NewRecordForm>
  );
}
