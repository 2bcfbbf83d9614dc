'use client';

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

import { cx } from '@/components/ui/cx';
import type { AccessKindDto } from '@/lib/api/schemas';

import { useMenuGate, type GatedVerb } from './access-gate';

function enabledItems(menu: HTMLElement | null): HTMLButtonElement[] {
  return [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
}

export interface MenuItem {
  label: string;
  onSelect(): void;
  /** One line under the label: what the action does. */
  hint?: string;
  danger?: boolean;
  disabled?: boolean;
  /** What it needs the person to be allowed (with the menu's `access`); default `delete` if `danger`, else `patch`. */
  verb?: GatedVerb;
}

export interface RowMenuProps {
  /** Accessible name of the button, e.g. "Actions for my-repo". */
  label: string;
  items: (MenuItem | 'separator')[];
  disabled?: boolean;
  busy?: boolean;
  /** The row's workspace and kind: items the person may not use there are switched off, with the reason. */
  access?: { ws: string; kind: AccessKindDto };
}

/**
 * A row's "⋯" menu. It opens in the top layer (the Popover API), so the table's scroll box does
 * not clip it, and follows the ARIA menu-button pattern: arrow keys, Home/End, Escape returns
 * focus to the button, Tab closes it.
 */
export function RowMenu({ label, items: offered, disabled, busy, access }: RowMenuProps) {
  const gate = useMenuGate(access);
  const items = offered.map(gate);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const menuId = useId();

  useEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const onToggle = (event: Event) => setOpen((event as ToggleEvent).newState === 'open');
    menu.addEventListener('toggle', onToggle);
    return () => menu.removeEventListener('toggle', onToggle);
  }, []);


  const focusOnOpen = useRef<'first' | 'last'>('first');

  const show = (focus: 'first' | 'last' = 'first') => {
    focusOnOpen.current = focus;
    menuRef.current?.showPopover();
  };

  // Items render only while the menu is open (a page may have hundreds of rows); once they are
  // there, place the menu next to its button and focus an item.
  useLayoutEffect(() => {
    const button = buttonRef.current;
    const menu = menuRef.current;
    if (!open || !button || !menu) return;
    const anchor = button.getBoundingClientRect();
    const box = menu.getBoundingClientRect();
    const below = anchor.bottom + 4 + box.height <= window.innerHeight;
    menu.style.top = `${below ? anchor.bottom + 4 : Math.max(4, anchor.top - 4 - box.height)}px`;
    menu.style.left = `${Math.max(4, Math.min(anchor.right - box.width, window.innerWidth - box.width - 4))}px`;
    const candidates = enabledItems(menu);
    (focusOnOpen.current === 'first' ? candidates[0] : candidates.at(-1))?.focus();
  }, [open]);

  const hide = (returnFocus: boolean) => {
    if (menuRef.current?.matches(':popover-open')) menuRef.current.hidePopover();
    if (returnFocus) buttonRef.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const candidates = enabledItems(menuRef.current);
    const index = candidates.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      candidates[(to + candidates.length) % candidates.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(candidates.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      hide(true);
    } else if (event.key === 'Tab') hide(false);
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={disabled}
        onClick={() => (open ? hide(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
        className="inline-flex size-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
        data-testid="row-actions"
      >
        {busy ? (
          <svg viewBox="0 0 16 16" className="size-4 animate-spin fill-none stroke-current motion-reduce:animate-none" strokeWidth="2" aria-hidden="true">
            <path d="M8 2a6 6 0 1 1-6 6" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" className="size-4 fill-current" aria-hidden="true">
            <circle cx="3" cy="8" r="1.5" />
            <circle cx="8" cy="8" r="1.5" />
            <circle cx="13" cy="8" r="1.5" />
          </svg>
        )}
      </button>
      <div
        ref={menuRef}
        id={menuId}
        popover="auto"
        role="menu"
        aria-label={label}
        onKeyDown={onMenuKey}
        className="fixed inset-auto m-0 w-64 rounded-lg border border-slate-200 bg-white p-1 text-left text-sm text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {open && items.map((item, index) =>
          item === 'separator' ? (
            <div key={`sep-${index}`} role="separator" className="my-1 border-t border-slate-200 dark:border-slate-700" />
          ) : (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={item.disabled}
              onClick={() => {
                hide(true);
                item.onSelect();
              }}
              className={cx(
                'flex w-full flex-col rounded-md px-2.5 py-1.5 text-left outline-none focus-visible:bg-slate-100 enabled:hover:bg-slate-100 disabled:opacity-50 dark:focus-visible:bg-slate-800 dark:enabled:hover:bg-slate-800',
                item.danger && 'text-rose-700 dark:text-rose-300',
              )}
            >
              <span className="font-medium">{item.label}</span>
              {item.hint ? <span className="text-xs text-slate-600 dark:text-slate-400">{item.hint}</span> : null}
            </button>
          ),
        )}
      </div>
    </>
  );
}
