/**
 * A committee's kind, organisation and minutes template: the same fields when it is created
 * ("Nyt udvalg") and in its settings. The template field serves a meeting's header too.
 */
import { useTranslation } from 'react-i18next';
import {
  committeeKinds,
  templateIds,
  type Committee,
  type TemplateId,
} from '../../../common/domain/model';
import { SelectField, TextField } from '../components/fields';

type CommitteeSetup = Pick<Committee, 'kind' | 'organisation' | 'template'>;

export function CommitteeFields({
  value,
  onChange,
}: {
  value: CommitteeSetup;
  onChange(patch: Partial<CommitteeSetup>): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('committees.kind')}
        value={value.kind}
        onChange={(kind) => onChange({ kind })}
        options={committeeKinds.map((kind) => ({
          value: kind,
          label: t(`committeeKinds.${kind}`),
        }))}
      />
      <TextField
        label={t('committees.organisation')}
        value={value.organisation}
        maxLength={200}
        onChange={(organisation) => onChange({ organisation })}
      />
      <TemplateField value={value.template} onChange={(template) => onChange({ template })} />
    </>
  );
}

/** The minutes template ("Opgaveudvalg" or "Fagudvalg / kommunalbestyrelse"). */
export function TemplateField({
  value,
  onChange,
}: {
  value: TemplateId;
  onChange(template: TemplateId): void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('committees.template')}
      value={value}
      onChange={onChange}
      options={templateIds.map((id) => ({ value: id, label: t(`templates.${id}`) }))}
    />
  );
}
