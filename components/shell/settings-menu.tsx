'use client';

import { useEffect } from 'react';

import { cx } from '@/components/ui/cx';
import { Icon, type IconName } from '@/components/ui/icons';
import { usePopover } from '@/components/ui/use-popover';
import { usePreferences, type Density, type ThemePreference } from '@/lib/stores/preferences';

const THEMES: { value: ThemePreference; label: string; icon: IconName }[] = [
  { value: 'system', label: 'System', icon: 'monitor' },
  { value: 'light', label: 'Light', icon: 'sun' },
  { value: 'dark', label: 'Dark', icon: 'moon' },
];
const DENSITIES: { value: Density; label: string }[] = [
  { value: 'comfortable', label: 'Comfortable' },
  { value: 'compact', label: 'Compact' },
];

function Choice<T extends string>({ legend, name, value, options, onChange }: { legend: string; name: string; value: T; options: { value: T; label: string; icon?: IconName }[]; onChange(value: T): void }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">{legend}</legend>
      <div className="grid grid-flow-col gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              'relative flex cursor-pointer items-center justify-center gap-1.5 rounded-md px-2 py-1 text-sm has-focus-visible:outline-2 has-focus-visible:outline-brand-600 dark:has-focus-visible:outline-brand-400',
              value === option.value ? 'bg-white font-medium shadow-xs dark:bg-slate-950' : 'text-slate-700 dark:text-slate-300',
            )}
          >
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="absolute inset-0 cursor-pointer opacity-0" />
            {option.icon ? <Icon name={option.icon} className="size-4" /> : null}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Keeps `<html data-density>` in step with the preference (tables read it through the `compact:` variant). */
export function useDensitySync(): void {
  const density = usePreferences((s) => s.density);
  useEffect(() => {
    document.documentElement.dataset.density = density;
  }, [density]);
}

/** A gear button opening a small panel with the theme (system/light/dark) and density choices. */
export function SettingsMenu() {
  const { rootRef, buttonRef, buttonProps, panelProps } = usePopover();
  const { theme, density, setTheme, setDensity } = usePreferences();

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        {...buttonProps}
        aria-label="Settings"
        className="flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <Icon name="settings" className="size-5" />
      </button>
      <div
        {...panelProps}
        role="group"
        aria-label="Display settings"
        className="absolute right-0 z-40 mt-2 w-72 space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900"
      >
        <Choice legend="Theme" name="theme" value={theme} options={THEMES} onChange={setTheme} />
        <Choice legend="Density" name="density" value={density} options={DENSITIES} onChange={setDensity} />
      </div>
    </div>
  );
}
