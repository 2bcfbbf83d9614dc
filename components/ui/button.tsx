/**
 * Buttons and button-styled links.
 *
 *   <Button onClick={save}>Save</Button>                      // primary
 *   <Button variant="secondary" size="sm">Cancel</Button>
 *   <Button variant="danger" pending>Deleting…</Button>       // disabled + spinner while pending
 *   <ButtonLink href="/w/fleet-local/gitrepos/new" icon="plus">Add Git Repo</ButtonLink>
 *
 * Props: `variant` 'primary' | 'secondary' | 'ghost' | 'danger' (default 'primary'), `size`
 * 'sm' | 'md' (default 'md'), `icon` (an {@link IconName} shown before the label), `pending`
 * (Button only). Everything else goes to the <button> / next/link <a>. `buttonClasses()`
 * gives the same look to other elements.
 */
import Link from 'next/link';
import type { ButtonHTMLAttributes, ComponentProps, ReactNode } from 'react';

import { cx } from './cx';
import { Icon, type IconName } from './icons';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    'bg-brand-700 text-white shadow-xs hover:bg-brand-900 disabled:bg-slate-200 disabled:text-slate-500 disabled:shadow-none dark:bg-brand-400 dark:text-slate-950 dark:hover:bg-brand-300 dark:disabled:bg-slate-800 dark:disabled:text-slate-400',
  secondary:
    'border border-slate-300 bg-white text-slate-800 shadow-xs hover:bg-slate-50 disabled:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800 dark:disabled:text-slate-400',
  ghost: 'text-slate-700 hover:bg-slate-100 disabled:text-slate-500 dark:text-slate-200 dark:hover:bg-slate-800 dark:disabled:text-slate-400',
  danger:
    'bg-rose-700 text-white shadow-xs hover:bg-rose-800 disabled:bg-slate-200 disabled:text-slate-500 disabled:shadow-none dark:bg-rose-500 dark:text-slate-950 dark:hover:bg-rose-400 dark:disabled:bg-slate-800 dark:disabled:text-slate-400',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-8 gap-1.5 px-2.5 text-sm',
  md: 'h-9 gap-2 px-3.5 text-sm',
};

export function buttonClasses({ variant = 'primary', size = 'md', className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cx(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors disabled:cursor-not-allowed',
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

function Spinner() {
  return <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: IconName;
  /** Shows a spinner and disables the button (e.g. while a request runs). */
  pending?: boolean;
  children?: ReactNode;
}

export function Button({ variant, size, icon, pending = false, className, children, type = 'button', disabled, ...props }: ButtonProps) {
  return (
    <button type={type} className={buttonClasses({ variant, size, className })} disabled={disabled || pending} aria-busy={pending || undefined} {...props}>
      {pending ? <Spinner /> : icon ? <Icon name={icon} className="size-4" /> : null}
      {children}
    </button>
  );
}

export type ButtonLinkProps = ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize; icon?: IconName };

export function ButtonLink({ variant, size, icon, className, children, ...props }: ButtonLinkProps) {
  return (
    <Link className={buttonClasses({ variant, size, className })} {...props}>
      {icon ? <Icon name={icon} className="size-4" /> : null}
      {children}
    </Link>
  );
}
