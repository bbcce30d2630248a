/**
 * Labelled form controls. Each renders a visible label tied to its control, an optional hint
 * and an error message referenced by aria-describedby, so every control has an accessible name.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type BaseProps = {
  label: string;
  hint?: string;
  /** A validation message for this field; marks the control invalid. */
  error?: string | null;
  className?: string;
};

/**
 * What a control tells assistive tools about its state: invalid while there is an error, and
 * described by the hint and the error FieldShell shows (ids `<id>-hint`, `<id>-error`).
 */
function controlState(id: string, hint?: string, error?: string | null) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

function FieldShell(props: BaseProps & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.children}
      {props.hint && (
        <span className="field__hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      )}
      {props.error && (
        <span className="field__error" id={`${props.id}-error`}>
          {props.error}
        </span>
      )}
    </div>
  );
}

type TextFieldProps = BaseProps & {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** A password field hides what is typed; a search field offers to clear it. */
  type?: 'text' | 'password' | 'search';
  isRequired?: boolean;
  maxLength?: number;
  placeholder?: string;
  autoComplete?: string;
  /** The on-screen keyboard to offer, e.g. digits for a head count. */
  inputMode?: 'numeric' | 'url';
};

/** A one-line text input (dates and times use DateTimeFields, which follow the UI language). */
export function TextField(props: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell {...props} id={id}>
      <input
        id={id}
        className="field__control"
        type={props.type ?? 'text'}
        value={props.value}
        required={props.isRequired}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        {...controlState(id, props.hint, props.error)}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
    </FieldShell>
  );
}

type RequiredTextFieldProps = Omit<TextFieldProps, 'isRequired' | 'error' | 'onChange'> & {
  /** `isValid` is false for a blank value, which the caller shows but does not save. */
  onChange(value: string, isValid: boolean): void;
};

/** A record's name or title, edited in place: blank is marked "required" at once. */
export function RequiredTextField({ onChange, ...props }: RequiredTextFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      {...props}
      isRequired
      error={props.value.trim() === '' ? t('validation.required') : null}
      onChange={(value) => onChange(value, value.trim() !== '')}
    />
  );
}

type NumberFieldProps = BaseProps & {
  /** Null shows an empty field (a record without a number). */
  value: number | null;
  min: number;
  max: number;
  /** Called only with a whole number inside [min, max]. */
  onChange(value: number): void;
};

/** The whole number `text` holds when it lies in [min, max] (at most six digits), else null. */
function wholeNumberIn(text: string, min: number, max: number): number | null {
  const value = /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/**
 * A whole-number input that keeps what is typed and reports only valid numbers; anything else
 * is marked with a message naming the range.
 */
export function NumberField(props: NumberFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  const [prop, setProp] = useState(props.value);
  if (prop !== props.value) {
    // The record changed from outside (e.g. after a reorder): show the new value.
    setProp(props.value);
    setText(props.value === null ? '' : String(props.value));
  }
  const isValid = wholeNumberIn(text, props.min, props.max) !== null;
  const error =
    props.error ??
    (isValid ? null : t('validation.wholeNumber', { min: props.min, max: props.max }));
  return (
    <FieldShell {...props} error={error} id={id}>
      <input
        id={id}
        className="field__control field__control--number"
        type="text"
        inputMode="numeric"
        value={text}
        {...controlState(id, props.hint, error)}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const value = wholeNumberIn(next, props.min, props.max);
          if (value !== null) {
            setProp(value);
            props.onChange(value);
          }
        }}
      />
    </FieldShell>
  );
}

type TextAreaFieldProps = BaseProps & {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  rows?: number;
  isReadOnly?: boolean;
};

/** A multi-line text input. */
export function TextAreaField(props: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldShell {...props} id={id}>
      <textarea
        id={id}
        className="field__control field__control--area"
        value={props.value}
        rows={props.rows ?? 4}
        readOnly={props.isReadOnly}
        spellCheck
        lang="da"
        {...controlState(id, props.hint, props.error)}
        onChange={(event) => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
    </FieldShell>
  );
}

type SelectFieldProps<V extends string> = BaseProps & {
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
};

/** A labelled select. */
export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = useId();
  return (
    <FieldShell {...props} id={id}>
      <select
        id={id}
        className="field__control"
        value={props.value}
        {...controlState(id, props.hint, props.error)}
        onChange={(event) => props.onChange(event.target.value as V)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type CheckboxFieldProps = {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  className?: string;
};

/** A checkbox with its label after it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`field field--checkbox ${props.className ?? ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}
