/**
 * A button that opens one file. The app lets the main process show its open dialog (the
 * renderer never sees a path): the press calls `onOpen()` without a file. Browser mode clicks a
 * hidden file input instead (labelled for tests and assistive tools) and calls `onOpen(file)`
 * with the chosen file, to upload.
 */
import { useId, useRef } from 'react';
import { useApp } from '../appContext';

export function OpenFileButton({
  label,
  chooseLabel,
  accept,
  isDisabled,
  onOpen,
}: {
  label: string;
  /** The hidden input's label (browser mode). */
  chooseLabel: string;
  accept: string;
  isDisabled: boolean;
  onOpen(file?: File): void;
}) {
  const { client } = useApp();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  return (
    <>
      <button
        type="button"
        disabled={isDisabled}
        onClick={() => {
          if (client.isElectron) onOpen();
          else inputRef.current?.click();
        }}
      >
        {label}
      </button>
      {!client.isElectron && (
        <>
          <label htmlFor={inputId} className="visually-hidden">
            {chooseLabel}
          </label>
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            accept={accept}
            hidden
            tabIndex={-1}
            onChange={(event) => {
              const file = event.target.files?.[0];
              // Reset so that choosing the same file again is a change too.
              event.target.value = '';
              if (file) onOpen(file);
            }}
          />
        </>
      )}
    </>
  );
}
