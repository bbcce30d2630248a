/**
 * A file picker that reads the UI language whatever the browser's locale: a button ("Vælg fil…")
 * and the chosen file's name ("Ingen fil valgt" before). The native input, whose own button and
 * text follow the browser ("Choose File / No file chosen"), stays in the page visually hidden and
 * out of the tab order, labelled by the field's label so tests and assistive tools still find it.
 */
import { FileUp } from 'lucide-react';
import { useId, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  label: string;
  accept?: string;
  isDisabled?: boolean;
  /** Called with the chosen file (null when the choice was cleared). */
  onFile(file: File | null): void;
  /** Shows the chosen file's name after the button (a one-shot upload leaves it false). */
  isNameShown?: boolean;
  /** The chosen file's name when the caller keeps the file (null: none chosen). */
  chosenName?: string | null;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
};

export function FilePickerField(props: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ownRef = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState<string | null>(null);
  const isNameShown = props.isNameShown ?? true;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <span className="field__label" id={`${id}-label`}>
        {props.label}
      </span>
      <div className="file-picker">
        <button
          type="button"
          disabled={props.isDisabled}
          aria-describedby={`${id}-label${isNameShown ? ` ${id}-name` : ''}`}
          onClick={() => ownRef.current?.click()}
        >
          <FileUp aria-hidden="true" size={16} className="icon" />
          {t('common.chooseFile')}
        </button>
        {isNameShown && (
          <span className="file-picker__name" id={`${id}-name`}>
            {(props.chosenName === undefined ? name : props.chosenName) ?? t('common.noFileChosen')}
          </span>
        )}
      </div>
      <input
        ref={(node) => {
          ownRef.current = node;
          if (typeof props.inputRef === 'function') props.inputRef(node);
          else if (props.inputRef) props.inputRef.current = node;
        }}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-labelledby={`${id}-label`}
        accept={props.accept}
        disabled={props.isDisabled}
        onChange={(event) => {
          const file = event.target.files?.[0] ?? null;
          // Reset so that choosing the same file again is a change too.
          event.target.value = '';
          setName(file?.name ?? null);
          props.onFile(file);
        }}
      />
    </div>
  );
}
