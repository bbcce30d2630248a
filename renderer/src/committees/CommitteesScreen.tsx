import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  committeeKinds,
  templateIds,
  type CommitteeKind,
  type TemplateId,
} from '../../../main/common/domain/model';
import type { ApiError } from '../../../main/common/contract/result';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { SelectField, TextField } from '../components/fields';
import { InlineError, LoadState } from '../components/LoadState';
import { routeHash } from '../router';
import { OpenPackage } from '../share/OpenPackage';

/** The start screen: every committee with its member and meeting counts, and "Nyt udvalg". */
export function CommitteesScreen() {
  const { t } = useTranslation();
  const { client } = useApp();
  const load = useCallback(() => client.call('committees:list', {}), [client]);
  const { resource, reload } = useResource(load);

  return (
    <section className="screen" aria-labelledby="committees-heading">
      <h1 id="committees-heading">{t('committees.heading')}</h1>
      <OpenPackage />
      {resource.status === 'loading' && <LoadState />}
      {resource.status === 'failed' && <LoadState error={resource.error} onRetry={reload} />}
      {resource.status === 'loaded' &&
        (resource.value.length === 0 ? (
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
              {resource.value.map((committee) => (
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
        ))}
      <NewCommitteeForm />
    </section>
  );
}

function NewCommitteeForm() {
  const { t } = useTranslation();
  const { client, queue, navigate } = useApp();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CommitteeKind>('staaende_udvalg');
  const [organisation, setOrganisation] = useState('');
  const [template, setTemplate] = useState<TemplateId>('fagudvalg');
  const [error, setError] = useState<ApiError | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(null);
    setBusy(true);
    const result = await queue.run(() =>
      client.call('committees:create', {
        name: name.trim(),
        kind,
        organisation: organisation.trim(),
        template,
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    navigate({ screen: 'committee', committeeId: result.value.id });
  };

  return (
    <form
      className="panel"
      aria-labelledby="new-committee-heading"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2 id="new-committee-heading">{t('committees.newHeading')}</h2>
      <div className="field-grid">
        <TextField
          label={t('committees.name')}
          value={name}
          onChange={setName}
          isRequired
          error={nameError}
          maxLength={200}
        />
        <SelectField<CommitteeKind>
          label={t('committees.kind')}
          value={kind}
          onChange={setKind}
          options={committeeKinds.map((value) => ({ value, label: t(`committeeKinds.${value}`) }))}
        />
        <TextField
          label={t('committees.organisation')}
          value={organisation}
          onChange={setOrganisation}
          maxLength={200}
        />
        <SelectField<TemplateId>
          label={t('committees.template')}
          value={template}
          onChange={setTemplate}
          options={templateIds.map((value) => ({ value, label: t(`templates.${value}`) }))}
        />
      </div>
      <InlineError error={error} />
      <div className="button-row">
        <button type="submit" className="button--primary" disabled={isBusy}>
          {t('committees.create')}
        </button>
      </div>
    </form>
  );
}
