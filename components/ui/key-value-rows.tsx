'use client';

/**
 * Editable `key = value` rows with a remove button each and an "Add …" button under them: the
 * rows of a label editor, a group's own labels, a selector's matchLabels. The caller owns the
 * rows and decides which problems show when; this only lays them out accessibly.
 *
 *   <KeyValueRows noun="label" rows={rows} rowTestId="label-row" inputId={(rowId, part) => `${baseId}-${rowId}-${part}`}
 *     messages={(row) => problems.get(row.id) ?? {}} onEdit={edit} onRemove={remove} onAdd={add} />
 *
 * Accessible names come from `noun`: "Key of label 2", "Value of label 2", "Remove label env"
 * (the key, or the row number while the key is blank), "Add label".
 */
import { cx } from '@/components/ui/cx';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icons';

export type KeyValuePart = 'key' | 'value';

export interface KeyValueRowData {
  id: number;
  key: string;
  value: string;
}

/** What shows under a row's inputs; `keyNote` is a hint (not an error) shown when the key has no error. */
export interface KeyValueRowMessages {
  key?: string;
  value?: string;
  keyNote?: string;
}

export const rowInputClass = (invalid: boolean) =>
  cx(
    'h-9 w-full rounded-md border bg-white px-2.5 font-mono text-[13px] text-slate-900 shadow-xs disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:disabled:bg-slate-800 dark:disabled:text-slate-400',
    invalid ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700',
  );

/** The id of the message under a row input, for its aria-describedby. */
export const rowMessageId = (inputId: string) => `${inputId}-msg`;

export function RowMessage({ inputId, text, tone = 'error', testId }: { inputId: string; text: string | undefined; tone?: 'error' | 'note'; testId?: string }) {
  if (!text) return null;
  return (
    <p id={rowMessageId(inputId)} className={cx('mt-1 text-xs', tone === 'error' ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400')} data-testid={tone === 'error' ? testId : undefined}>
      {text}
    </p>
  );
}

export function RemoveRowButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="inline-flex size-9 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-rose-700 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-rose-300"
    >
      <Icon name="trash" className="size-4" />
    </button>
  );
}

export interface RowInputProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  placeholder?: string;
  disabled?: boolean;
  error?: string;
  /** A hint shown (in place of an error) when there is no error. */
  note?: string;
  errorTestId?: string;
}

/** One monospace row input (a key, a value, a list of values) with its message under it. */
export function RowInput({ id, label, value, onChange, onBlur, placeholder, disabled, error, note, errorTestId }: RowInputProps) {
  return (
    <div>
      <input
        id={id}
        aria-label={label}
        placeholder={placeholder}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || note ? rowMessageId(id) : undefined}
        className={rowInputClass(Boolean(error))}
      />
      <RowMessage inputId={id} text={error ?? note} tone={error ? 'error' : 'note'} testId={errorTestId} />
    </div>
  );
}

export interface KeyValueRowsProps<Row extends KeyValueRowData> {
  rows: readonly Row[];
  /** What one row is called: "label" gives "Key of label 1", "Remove label env" and "Add label". */
  noun: string;
  /** A unique id for a row's key or value input (its message's id derives from it). */
  inputId(rowId: number, part: KeyValuePart): string;
  rowTestId: string;
  /** The test id of a shown error message (not of a note), per input. */
  errorTestIds?: Partial<Record<KeyValuePart, string>>;
  /** What shows under the row's inputs right now. */
  messages(row: Row): KeyValueRowMessages;
  onEdit(rowId: number, part: KeyValuePart, value: string): void;
  onBlur?(rowId: number, part: KeyValuePart): void;
  onRemove(rowId: number): void;
  onAdd(): void;
  /** An "=" between key and value; leave it off where columns have headings instead. */
  equalsSign?: boolean;
  placeholders?: Record<KeyValuePart, string>;
}

/** The rows and the add button, without a wrapper: they sit in the caller's fieldset or form. */
export function KeyValueRows<Row extends KeyValueRowData>({ rows, noun, inputId, rowTestId, errorTestIds, messages, onEdit, onBlur, onRemove, onAdd, equalsSign = false, placeholders }: KeyValueRowsProps<Row>) {
  const field = (row: Row, index: number, part: KeyValuePart, error: string | undefined, note?: string) => (
    <RowInput
      id={inputId(row.id, part)}
      label={`${part === 'key' ? 'Key' : 'Value'} of ${noun} ${index + 1}`}
      placeholder={placeholders?.[part]}
      value={row[part]}
      onChange={(value) => onEdit(row.id, part, value)}
      onBlur={onBlur ? () => onBlur(row.id, part) : undefined}
      error={error}
      note={note}
      errorTestId={errorTestIds?.[part]}
    />
  );

  return (
    <>
      {rows.map((row, index) => {
        const shown = messages(row);
        return (
          <div key={row.id} className={cx('grid items-start gap-2', equalsSign ? 'grid-cols-[1fr_auto_1fr_2.25rem]' : 'grid-cols-[1fr_1fr_2.25rem]')} data-testid={rowTestId}>
            {field(row, index, 'key', shown.key, shown.keyNote)}
            {equalsSign ? (
              <span className="pt-2 font-mono text-sm text-slate-500" aria-hidden="true">
                =
              </span>
            ) : null}
            {field(row, index, 'value', shown.value)}
            <RemoveRowButton label={`Remove ${noun} ${row.key.trim() || index + 1}`} onClick={() => onRemove(row.id)} />
          </div>
        );
      })}
      <Button variant="secondary" size="sm" icon="plus" onClick={onAdd}>
        {`Add ${noun}`}
      </Button>
    </>
  );
}
