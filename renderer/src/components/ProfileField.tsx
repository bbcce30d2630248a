/**
 * The choice of a minutes profile (the layout the minutes are written in), or none: the
 * first option, `noneLabel`, says what applies then (null).
 */
import { SelectField } from './fields';

export function ProfileField({
  label,
  value,
  noneLabel,
  profiles,
  onChange,
}: {
  label: string;
  value: string | null;
  noneLabel: string;
  profiles: readonly { id: string; name: string }[];
  onChange(profileId: string | null): void;
}) {
  return (
    <SelectField<string>
      label={label}
      value={value ?? ''}
      onChange={(id) => onChange(id === '' ? null : id)}
      options={[
        { value: '', label: noneLabel },
        ...profiles.map((profile) => ({ value: profile.id, label: profile.name })),
      ]}
    />
  );
}
