/**
 * Date and time fields that read and write the UI language's format whatever the browser's or
 * the operating system's locale: "12.12.2017" and "16.00" in Danish, "12/12/2017" and "16:00" in
 * English (British order, 24-hour clock). Native `<input type=date|time>` follow the browser's
 * locale instead (12/12/2017, 04:00 PM under en-US), so these use React Aria's segmented fields
 * inside an I18nProvider with the app's locale.
 */
import { parseDate, parseTime, type CalendarDate, type Time } from '@internationalized/date';
import {
  DateField,
  DateInput,
  DateSegment,
  FieldError,
  I18nProvider,
  Label,
  Text,
  TimeField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isValidIsoDate } from '../../../common/domain/model';

/** The React Aria locale of a UI language: da-DK by default, en-GB for English. */
export function controlLocale(language: string): 'da-DK' | 'en-GB' {
  return language.startsWith('en') ? 'en-GB' : 'da-DK';
}

type Props = {
  label: string;
  hint?: string;
  error?: string | null;
  className?: string;
  isRequired?: boolean;
  /** Locked minutes: segments are not form controls, so a disabled fieldset does not reach them. */
  isDisabled?: boolean;
};

function toCalendarDate(value: string): CalendarDate | null {
  return isValidIsoDate(value) ? parseDate(value) : null;
}

function toTime(value: string): Time | null {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? parseTime(value) : null;
}

/** The label, the segments, the hint and the error: the same in the date and the time field. */
function SegmentedFieldParts(props: Pick<Props, 'label' | 'hint' | 'error'>) {
  return (
    <>
      <Label className="field__label">{props.label}</Label>
      <DateInput className="field__control field__segments">
        {(segment) => <DateSegment segment={segment} className="field__segment" />}
      </DateInput>
      {props.hint && (
        <Text slot="description" className="field__hint">
          {props.hint}
        </Text>
      )}
      {props.error && <FieldError className="field__error">{props.error}</FieldError>}
    </>
  );
}

/** What the date and the time field tell React Aria alike: class, required, disabled, invalid. */
function sharedFieldProps(props: Props) {
  return {
    className: `field ${props.className ?? ''}`,
    isRequired: props.isRequired,
    isDisabled: props.isDisabled,
    isInvalid: props.error ? true : undefined,
    validationBehavior: 'aria' as const,
  };
}

/** A calendar date (YYYY-MM-DD), or '' when cleared or not yet complete. */
export function DateInputField(props: Props & { value: string; onChange(value: string): void }) {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={controlLocale(i18n.language)}>
      <DateField
        {...sharedFieldProps(props)}
        value={toCalendarDate(props.value)}
        granularity="day"
        onChange={(date) => props.onChange(date ? date.toString() : '')}
      >
        <SegmentedFieldParts {...props} />
      </DateField>
    </I18nProvider>
  );
}

/** A clock time (HH:MM, 24-hour), or '' when cleared or not yet complete. */
export function TimeInputField(props: Props & { value: string; onChange(value: string): void }) {
  const { i18n } = useTranslation();
  return (
    <I18nProvider locale={controlLocale(i18n.language)}>
      <TimeField
        {...sharedFieldProps(props)}
        value={toTime(props.value)}
        granularity="minute"
        hourCycle={24}
        onChange={(time) =>
          props.onChange(
            time
              ? `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
              : '',
          )
        }
      >
        <SegmentedFieldParts {...props} />
      </TimeField>
    </I18nProvider>
  );
}
