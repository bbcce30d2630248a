import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { memberRoles, type Member, type MemberRole } from '../../../main/common/domain/model';
import type { ApiError } from '../../../main/common/contract/result';
import { useApp } from '../appContext';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { MoveButtons, moveKeyHandler } from '../components/MoveButtons';
import { PartyField } from '../components/PartyField';
import { mergePatches } from '../save/saveQueue';

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

  const patchMember = (member: Member, patch: MemberPatch, isSendable = true) => {
    onMembersChange(
      members.map((candidate) =>
        candidate.id === member.id ? { ...candidate, ...patch } : candidate,
      ),
    );
    if (!isSendable) return;
    queue.schedule(`member:${member.id}`, patch, {
      merge: mergePatches,
      send: (merged) => client.call('members:update', { id: member.id, patch: merged }),
    });
  };

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
                <TextField
                  label={t('members.name')}
                  value={member.name}
                  isRequired
                  maxLength={200}
                  error={member.name.trim() === '' ? t('validation.required') : null}
                  onChange={(name) => patchMember(member, { name }, name.trim() !== '')}
                />
                <SelectField<MemberRole>
                  label={t('members.role')}
                  value={member.role}
                  onChange={(role) => patchMember(member, { role })}
                  options={memberRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                />
                <PartyField
                  value={member.party}
                  onChange={(party) => patchMember(member, { party })}
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
      <NewMemberForm
        committeeId={committeeId}
        onCreated={(member) => onMembersChange([...members, member])}
      />
    </section>
  );
}

function NewMemberForm({
  committeeId,
  onCreated,
}: {
  committeeId: string;
  onCreated(member: Member): void;
}) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [name, setName] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [party, setParty] = useState<string | null>(null);
  const [partyKey, setPartyKey] = useState(0);
  const [isCitizen, setCitizen] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(null);
    const result = await queue.run(() =>
      client.call('members:create', {
        committeeId,
        member: { name: name.trim(), role, party, isCitizen, isActive: true },
      }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onCreated(result.value);
    setName('');
    setRole('member');
    setParty(null);
    setPartyKey((key) => key + 1);
    setCitizen(false);
  };

  return (
    <form
      className="subform"
      aria-labelledby="new-member-heading"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="new-member-heading">{t('members.newHeading')}</h3>
      <div className="record__row">
        <TextField
          label={t('members.name')}
          value={name}
          onChange={setName}
          isRequired
          error={nameError}
          maxLength={200}
        />
        <SelectField<MemberRole>
          label={t('members.role')}
          value={role}
          onChange={setRole}
          options={memberRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        />
        <PartyField key={partyKey} value={party} onChange={setParty} />
        <CheckboxField label={t('members.isCitizen')} checked={isCitizen} onChange={setCitizen} />
        <button type="submit" className="button--primary">
          {t('members.add')}
        </button>
      </div>
      <InlineError error={error} />
    </form>
  );
}
