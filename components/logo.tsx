/** Fleet Deck mark: three stacked decks, the top one in the brand colour. */
export function Logo({ className = 'size-7' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect x="3" y="19" width="26" height="8" rx="2.5" className="fill-slate-300 dark:fill-slate-700" />
      <rect x="5" y="11.5" width="22" height="8" rx="2.5" className="fill-slate-400 dark:fill-slate-500" />
      <rect x="7" y="4" width="18" height="8" rx="2.5" className="fill-brand-600 dark:fill-brand-400" />
    </svg>
  );
}
