'use client';

/**
 * An editable combobox (ARIA 1.2 pattern, list autocomplete): a text input with role=combobox
 * and a popup listbox. Typing filters the options; ArrowUp/ArrowDown/Home/End move, Enter
 * chooses, Escape closes and restores the chosen label, Tab leaves. The input shows the chosen
 * option's label while closed.
 *
 *   <Combobox
 *     label="Workspace"
 *     value={ws}
 *     onChange={(value) => router.push(`/w/${value}`)}
 *     options={[{ value: '_all', label: 'All workspaces' }, { value: 'fleet-local', label: 'fleet-local', meta: <Badge>…</Badge> }]}
 *   />
 *
 * Props: `label` (the accessible name; visible unless `hideLabel`), `options` ({ value, label,
 * description?, meta? (right-aligned extras such as counts, part of the option's name),
 * keywords? (extra text typing matches) }), `value`, `onChange(value)`, `placeholder`,
 * `emptyText` (default "No matches"), `className` (root), `labelClassName`, `inputClassName`, `listClassName`,
 * `testId` (on the root; options carry data-value).
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

import { cx } from './cx';
import { Icon } from './icons';

export interface ComboboxOption {
  value: string;
  label: string;
  description?: ReactNode;
  meta?: ReactNode;
  keywords?: string;
}

export interface ComboboxProps {
  label: string;
  hideLabel?: boolean;
  /** Replaces the label's classes (e.g. to put it beside the input in a flex row). */
  labelClassName?: string;
  options: readonly ComboboxOption[];
  value: string | undefined;
  onChange: (value: string) => void;
  placeholder?: string;
  emptyText?: string;
  className?: string;
  inputClassName?: string;
  listClassName?: string;
  testId?: string;
}

export function Combobox({
  label,
  hideLabel = false,
  labelClassName,
  options,
  value,
  onChange,
  placeholder,
  emptyText = 'No matches',
  className,
  inputClassName,
  listClassName,
  testId,
}: ComboboxProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [open, setOpen] = useState(false);
  /** What the user typed since opening; null while they only browse. */
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(-1);

  const selected = options.find((option) => option.value === value);
  const filtered = useMemo(() => {
    const needle = query?.trim().toLowerCase();
    if (!needle) return options;
    return options.filter((option) => `${option.label} ${option.value} ${option.keywords ?? ''}`.toLowerCase().includes(needle));
  }, [options, query]);

  const optionId = (index: number) => `${id}-option-${index}`;

  const scrollIntoView = (index: number) => {
    requestAnimationFrame(() => document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' }));
  };

  const openList = (activeIndex?: number) => {
    const start = activeIndex ?? Math.max(0, options.findIndex((option) => option.value === value));
    setOpen(true);
    setActive(start);
    scrollIntoView(start);
  };

  const close = () => {
    setOpen(false);
    setQuery(null);
    setActive(-1);
  };

  const choose = (option: ComboboxOption | undefined) => {
    close();
    if (option && option.value !== value) onChange(option.value);
  };

  const move = (next: number) => {
    if (filtered.length === 0) return;
    const index = (next + filtered.length) % filtered.length;
    setActive(index);
    scrollIntoView(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else move(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList();
        else move(active - 1);
        break;
      case 'Home':
        if (open && query === null) {
          event.preventDefault();
          move(0);
        }
        break;
      case 'End':
        if (open && query === null) {
          event.preventDefault();
          move(filtered.length - 1);
        }
        break;
      case 'Enter':
        if (open) {
          event.preventDefault();
          choose(filtered[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const activeOption = open && active >= 0 && active < filtered.length ? optionId(active) : undefined;

  return (
    <div className={cx('relative', className)} data-testid={testId}>
      <label htmlFor={inputId} className={hideLabel ? 'sr-only' : (labelClassName ?? 'mb-1 block text-sm font-medium')}>
        {label}
      </label>
      <div className="relative min-w-0 flex-1">
        <input
          ref={inputRef}
          id={inputId}
          role="combobox"
          type="text"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeOption}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={query ?? selected?.label ?? ''}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onClick={() => {
            if (!open) openList();
          }}
          onFocus={(event) => event.target.select()}
          onBlur={close}
          onKeyDown={onKeyDown}
          className={cx(
            'block h-9 w-full rounded-md border border-slate-300 bg-white pr-8 pl-3 text-sm shadow-xs placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400',
            inputClassName,
          )}
        />
        <button
          type="button"
          tabIndex={-1}
          aria-label={`Show ${label} options`}
          aria-controls={listId}
          aria-expanded={open}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            if (open) close();
            else {
              inputRef.current?.focus();
              openList();
            }
          }}
          className="absolute inset-y-0 right-0 flex w-8 items-center justify-center text-slate-500 dark:text-slate-400"
        >
          <Icon name="chevron-down" className="size-4" />
        </button>
        <ul
          ref={listRef}
          id={listId}
          role="listbox"
          aria-label={label}
          hidden={!open}
          className={cx(
            'absolute top-full left-0 z-40 mt-1 max-h-80 w-full min-w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900',
            listClassName,
          )}
        >
          {filtered.map((option, index) => {
            const isSelected = option.value === value;
            return (
              <li
                key={option.value}
                id={optionId(index)}
                role="option"
                aria-selected={isSelected}
                data-value={option.value}
                data-active={index === active || undefined}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => {
                  if (active !== index) setActive(index);
                }}
                onClick={() => choose(option)}
                className={cx(
                  'flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm',
                  index === active ? 'bg-slate-100 dark:bg-slate-800' : undefined,
                )}
              >
                <Icon name="check" className={cx('size-4 shrink-0 text-brand-700 dark:text-brand-400', !isSelected && 'invisible')} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{option.label}</span>
                  {option.description ? <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{option.description}</span> : null}
                </span>
                {option.meta ? <span className="flex shrink-0 items-center gap-1">{option.meta}</span> : null}
              </li>
            );
          })}
          {filtered.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true" className="px-2 py-1.5 text-sm text-slate-600 dark:text-slate-400">
              {emptyText}
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}
