'use client';

import { useId, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { apiSend, ApiClientError } from '@/lib/api/client';
import { signInBodySchema } from '@/lib/api/schemas';

/**
 * The token form of the sign-in page. The token goes to the BFF once and never comes back: the
 * answer is only who it belongs to, and the session lives in an httpOnly cookie.
 */
export function SignInForm({ next }: { next: string }) {
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = signInBodySchema.safeParse({ token });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'token is required');
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      await apiSend('POST', '/api/v1/session', checked.data);
      // A full load: every query starts again as the signed-in person.
      window.location.assign(next);
    } catch (failure) {
      setError(failure instanceof ApiClientError ? failure.message : String(failure));
      setPending(false);
    }
  };

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-xs dark:border-slate-800 dark:bg-slate-900" noValidate>
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium">
          Kubernetes bearer token
        </label>
        <textarea
          id={id}
          name="token"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          rows={4}
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={[error ? errorId : '', hintId].filter(Boolean).join(' ')}
          className="block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-xs dark:border-slate-700 dark:bg-slate-950"
        />
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          For example from <code className="font-mono">kubectl create token &lt;service-account&gt; -n &lt;namespace&gt;</code>, or your cluster&apos;s
          identity provider. It is kept encrypted in a cookie of this site only, until you sign out.
        </p>
        {error ? (
          <p id={errorId} role="alert" className="text-sm text-rose-700 dark:text-rose-300" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
