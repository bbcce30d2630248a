import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../common/contract/result';
import type { MeetingSummary, RequestOutput } from '../../../common/contract/api';
import type { Committee, Member } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { HeaderPlace } from '../headerPlace';
import { TextField } from '../components/fields';
import { LoadState } from '../components/LoadState';
import { Section } from '../components/Section';
import { ProfileField } from '../components/ProfileField';
import { MeetingsPanel } from '../meetings/MeetingsPanel';
import { mergePatches } from '../save/saveQueue';
import { StandardTextsPanel } from '../editor/StandardTextsPanel';
import { CommitteeFields } from './CommitteeFields';
import { MembersPanel } from './MembersPanel';
import { TrustedRootsPanel } from '../lifecycle/TrustedRootsPanel';
import { VerifyPdf } from '../lifecycle/VerifyPdf';

type ProfileList = RequestOutput<'profiles:list'>;
type CommitteeData = {
  committee: Committee;
  members: Member[];
  meetings: MeetingSummary[];
  profiles: ProfileList;
};

/** One committee: its settings, members and meetings. */
export function CommitteeScreen({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const load = useCallback(async (): Promise<Result<CommitteeData>> => {
    const [committees, members, meetings, profiles] = await Promise.all([
      client.call('committees:list', {}),
      client.call('members:list', { committeeId }),
      client.call('meetings:list', { committeeId }),
      client.call('profiles:list', {}),
    ]);
    if (!committees.ok) return committees;
    if (!members.ok) return members;
    if (!meetings.ok) return meetings;
    if (!profiles.ok) return profiles;
    const committee = committees.value.find((candidate) => candidate.id === committeeId);
    if (!committee) return { ok: false, error: { code: 'not_found', message: committeeId } };
    return {
      ok: true,
      value: {
        committee,
        members: members.value,
        meetings: meetings.value,
        profiles: profiles.value,
      },
    };
  }, [client, committeeId]);
  const { resource, reload, update } = useResource(load);

  const patchCommittee = (patch: Partial<Omit<Committee, 'id'>>) => {
    update((data) => ({ ...data, committee: { ...data.committee, ...patch } }));
    queue.schedule(`committee:${committeeId}`, patch, {
      merge: mergePatches,
      send: (merged) => client.call('committees:update', { id: committeeId, patch: merged }),
    });
  };

  if (resource.status === 'loading') return <LoadState />;
  if (resource.status === 'failed') return <LoadState error={resource.error} onRetry={reload} />;
  const { committee, members, meetings, profiles } = resource.value;
  const defaultName =
    profiles.profiles.find((profile) => profile.id === profiles.defaultProfileId)?.name ?? null;
  /** The municipality default applies to every committee without a profile of its own. */
  const setDefaultProfile = async (id: string | null) => {
    const result = await client.call('profiles:setDefault', { id });
    if (result.ok)
      update((data) => ({ ...data, profiles: { ...data.profiles, defaultProfileId: id } }));
  };

  return (
    <section className="screen" aria-labelledby="committee-heading">
      <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
        <a href="#/committees">{t('committees.heading')}</a>
      </nav>
      <HeaderPlace text={committee.name} />
      <h1 id="committee-heading">{committee.name}</h1>
      <Section className="panel" heading={t('committees.settingsHeading')}>
        <div className="field-grid">
          <TextField
            label={t('committees.name')}
            value={committee.name}
            isRequired
            maxLength={200}
            error={committee.name.trim() === '' ? t('validation.required') : null}
            onChange={(name) => {
              if (name.trim() === '')
                update((data) => ({ ...data, committee: { ...data.committee, name } }));
              else patchCommittee({ name });
            }}
          />
          <CommitteeFields value={committee} onChange={patchCommittee} />
          <ProfileField
            label={t('committees.profile')}
            value={committee.profileId}
            noneLabel={
              defaultName === null
                ? t('committees.profileOfTemplate')
                : t('committees.profileDefault', { name: defaultName })
            }
            profiles={profiles.profiles}
            onChange={(profileId) => patchCommittee({ profileId })}
          />
          <ProfileField
            label={t('committees.municipalityProfile')}
            value={profiles.defaultProfileId}
            noneLabel={t('committees.profileOfTemplate')}
            profiles={profiles.profiles}
            onChange={(id) => void setDefaultProfile(id)}
          />
        </div>
      </Section>
      {/* The meetings come before the members: with 31 members their fields would put "Nyt
          møde" some 250 Tab presses down. */}
      <MeetingsPanel committeeId={committeeId} meetings={meetings} />
      <MembersPanel
        committeeId={committeeId}
        members={members}
        onMembersChange={(next) => update((data) => ({ ...data, members: next }))}
      />
      <StandardTextsPanel committeeId={committeeId} />
      <VerifyPdf />
      <TrustedRootsPanel />
    </section>
  );
}
