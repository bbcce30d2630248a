import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, MemberRole } from '../../../common/domain/model';
import type { ApiError } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { CheckboxField, SelectField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { MoveButtons, moveKeyHandler } from '../components/MoveButtons';
import { NewRecordForm } from '../components/NewRecordForm';
import { PersonFields } from '../components/PersonFields';
import { useRecordPatch } from '../components/useRecordPatch';

type Props = {
  committeeId: string;
  members: Member[];
  onMembersChange(members: Member[]): void;
};

type MemberPatch = Partial<Pick<Member, 'name' | 'role' | 'party' | 'isCitizen' | 'isActive'>>;

/** The committee's standing members: edit in place, add, reorder. */
export function MembersPanel({ committeeId, members, onMembersChange }: Props) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [error, setError] = useState<ApiError | null>(null);

  const patchMember = useRecordPatch<Member, MemberPatch>(
    'member',
    (change) => onMembersChange(change(members)),
    (id, patch) => client.call('members:update', { id, patch }),
  );

  const move = async (member: Member, toIndex: number) => {
    const result = await queue.run(() =>
      client.call('members:move', { id: member.id, position: toIndex }),
    );
    if (result.ok) onMembersChange(result.value);
    setError(result.ok ? null : result.error);
  };

  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('members.heading')}</h2>
      <p className="hint">{t('common.reorderHint')}</p>
      {members.length === 0 && <p className="empty">{t('members.empty')}</p>}
      <ol className="record-list">
        {members.map((member, index) => (
          <li key={member.id} className={`record ${member.isActive ? '' : 'record--inactive'}`}>
            <fieldset
              onKeyDown={moveKeyHandler(index, members.length, (to) => void move(member, to))}
            >
              <legend>{t('members.legend', { number: index + 1, name: member.name })}</legend>
              <div className="record__row">
                <PersonFields
                  value={member}
                  onChange={(change, isValid) => patchMember(member, change, isValid)}
                />
                <SelectField<'politician' | 'citizen'>
                  label={t('members.type')}
                  value={member.isCitizen ? 'citizen' : 'politician'}
                  onChange={(value) => patchMember(member, { isCitizen: value === 'citizen' })}
                  options={[
                    { value: 'politician', label: t('members.politician') },
                    { value: 'citizen', label: t('members.citizen') },
                  ]}
                />
                <CheckboxField
                  label={t('members.active')}
                  checked={member.isActive}
                  onChange={(isActive) => patchMember(member, { isActive })}
                />
                <MoveButtons
                  rowId={member.id}
                  name={member.name}
                  index={index}
                  count={members.length}
                  onMove={(to) => void move(member, to)}
                />
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <InlineError error={error} />
      <NewRecordForm
        headingId="new-member-heading"
        heading={t('members.newHeading')}
        submitLabel={t('members.add')}
        blank={{
          name: '',
          role: 'member' as MemberRole,
          party: null as string | null,
          isCitizen: false,
        }}
        required={{ key: 'name', label: t('members.name'), maxLength: 200 }}
        create={(draft) =>
          client.call('members:create', {
            committeeId,
            member: { ...draft, name: draft.name.trim(), isActive: true },
          })
        }
        onCreated={(member) => onMembersChange([...members, member])}
      >
        {(draft, change) => (
          <>
            <PersonFields value={draft} hasName={false} onChange={change} />
            <CheckboxField
              label={t('members.isCitizen')}
              checked={draft.isCitizen}
              onChange={(isCitizen) => change({ isCitizen })}
            />
          </>
        )}
      </NewRecordForm>
    </section>
  );
}
