'use client';

/**
 * The Git Repo wizard: Metadata → Repository → Targets → Advanced → Review, for creating, editing
 * and cloning. One form state (lib/gitrepo-form) lives here, so Back and Next keep everything
 * typed. Next checks the step with the shared schemas and shows problems at their fields; on the
 * first step a server dry run catches a taken name. Create/Save sends the BFF one request
 * (Secrets first, removed again if the GitRepo is refused), then opens the repo's page.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { parse as parseYaml } from 'yaml';

import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cx } from '@/components/ui/cx';
import { ApiClientError, apiGet, apiSend } from '@/lib/api/client';
import { fleetKeys } from '@/lib/api/keys';
import { gitRepoCreatedSchema, gitRepoDetailSchema, objectWrittenSchema } from '@/lib/api/schemas';
import { applyEditedObject, deepEqual, toCreateBody, toUpdateBody, type GitRepoForm, type GitRepoObject } from '@/lib/gitrepo-form/form-state';
import { firstStepWithErrors, formKeyOfField, STEP_LABELS, stepOf, validateForm, WIZARD_STEPS, type FormErrors, type WizardStep } from '@/lib/gitrepo-form/validate';
import { objectHref, sectionHref } from '@/lib/routes';

import { gitRepoYaml, ReviewStep } from './review-step';
import { AdvancedStep, MetadataStep, RepositoryStep, TargetsStep } from './steps';
import { useTestConnection } from './test-connection';

const enc = encodeURIComponent;

function Stepper({ current, reached, onGo }: { current: WizardStep; reached: number; onGo(step: WizardStep): void }) {
  return (
    <nav aria-label="Wizard steps" className="mb-6">
      <ol className="flex flex-wrap gap-2">
        {WIZARD_STEPS.map((step, index) => {
          const active = step === current;
          const done = index < WIZARD_STEPS.indexOf(current);
          return (
            <li key={step}>
              <button
                type="button"
                disabled={index > reached}
                aria-current={active ? 'step' : undefined}
                onClick={() => onGo(step)}
                className={cx(
                  'inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm disabled:cursor-not-allowed',
                  active ? 'border-brand-700 bg-brand-700 font-semibold text-white dark:border-brand-400 dark:bg-brand-400 dark:text-slate-950' : 'border-slate-300 text-slate-700 dark:border-slate-700 dark:text-slate-200',
                  index > reached && 'text-slate-500 dark:text-slate-400',
                )}
              >
                <span aria-hidden="true" className="font-mono text-xs">
                  {done ? '✓' : index + 1}
                </span>
                {STEP_LABELS[step]}
                {done ? <span className="sr-only"> (done)</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Keeps the errors of the steps whose Next was pressed (and the name as it is typed). */
function visibleErrors(errors: FormErrors, shown: ReadonlySet<WizardStep>, form: GitRepoForm): FormErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => shown.has(stepOf(key)) || (key === 'name' && form.name !== '')));
}

function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-wizard-body] [aria-invalid="true"]')?.focus());
}

export function GitRepoWizard({ ws, mode, initial, startAt = 'metadata' }: { ws: string; mode: 'create' | 'edit'; initial: GitRepoForm; startAt?: WizardStep }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(initial);
  const [step, setStep] = useState<WizardStep>(startAt);
  const [reached, setReached] = useState(mode === 'edit' ? WIZARD_STEPS.length - 1 : 0);
  const [shown, setShown] = useState<ReadonlySet<WizardStep>>(new Set());
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [yamlEdit, setYamlEdit] = useState<{ text: string; error?: string }>();
  const test = useTestConnection(ws);

  const errors = useMemo(() => validateForm(form, { mode }), [form, mode]);
  const visible = { ...visibleErrors(errors, shown, form), ...serverErrors };
  const generatedYaml = useMemo(() => gitRepoYaml(form, ws), [form, ws]);

  const update = (patch: Partial<GitRepoForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setServerErrors({});
    setSubmitError(undefined);
  };

  const go = (next: WizardStep) => {
    setStep(next);
    setReached((value) => Math.max(value, WIZARD_STEPS.indexOf(next)));
    setYamlEdit(undefined);
  };

  const showProblems = (problems: FormErrors) => {
    const first = firstStepWithErrors(problems);
    setShown(new Set(WIZARD_STEPS));
    if (first && first !== step) setStep(first);
    focusFirstInvalid();
  };

  /** A BFF error that names a field is shown at that field; others above the buttons. */
  const showServerError = (error: unknown) => {
    if (error instanceof ApiClientError && error.field) {
      const key = error.code === 'conflict' && error.field === 'metadata.name' ? 'name' : formKeyOfField(error.field, form);
      const message = error.code === 'conflict' && key === 'name' ? `A Git repo named ${form.name} already exists in ${ws}` : error.message;
      if (key !== error.field || key === 'name') {
        setServerErrors({ [key]: message });
        const target = stepOf(key);
        if (target !== step) setStep(target);
        focusFirstInvalid();
        return;
      }
    }
    setSubmitError(error instanceof Error ? error.message : String(error));
  };

  const next = async () => {
    setShown((current) => new Set([...current, step]));
    const problems = Object.keys(errors).filter((key) => stepOf(key) === step);
    if (problems.length > 0) {
      focusFirstInvalid();
      return;
    }
    if (step === 'metadata' && mode === 'create') {
      // The API server has the last word on names (taken, admission webhooks): ask it without storing anything.
      setBusy(true);
      try {
        const body = toCreateBody({ ...form, repo: 'https://example.com/placeholder.git', clientSecret: { ...form.clientSecret, mode: 'none' }, helmSecret: { ...form.helmSecret, mode: 'none' } });
        await apiSend('POST', `/api/v1/workspaces/${enc(ws)}/gitrepos?dryRun=true`, { gitRepo: { metadata: body.gitRepo.metadata, spec: { repo: 'https://example.com/placeholder.git' } } });
      } catch (error) {
        setBusy(false);
        showServerError(error);
        return;
      }
      setBusy(false);
    }
    go(WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1]!);
  };

  const back = () => setStep(WIZARD_STEPS[Math.max(0, WIZARD_STEPS.indexOf(step) - 1)]!);

  /** The review YAML, if edited, read back into the form. */
  const formWithYaml = (): GitRepoForm | undefined => {
    if (!yamlEdit || yamlEdit.text === generatedYaml) return form;
    let parsed: unknown;
    try {
      parsed = parseYaml(yamlEdit.text);
    } catch (error) {
      setYamlEdit({ ...yamlEdit, error: `The YAML does not parse: ${(error as Error).message.split('\n')[0]}` });
      return undefined;
    }
    const object = parsed as GitRepoObject | null;
    if (!object || typeof object !== 'object' || typeof object.metadata !== 'object' || object.metadata === null || typeof object.spec !== 'object' || object.spec === null) {
      setYamlEdit({ ...yamlEdit, error: 'The YAML must be one GitRepo with metadata and spec' });
      return undefined;
    }
    const edited = applyEditedObject(form, object);
    setForm(edited);
    setYamlEdit(undefined);
    return edited;
  };

  const save = async (final: GitRepoForm) => {
    const path = `/api/v1/workspaces/${enc(ws)}/gitrepos/${enc(final.name)}`;
    let version = final.base?.metadata.resourceVersion ?? '';
    // Fleet writes status all the time, which moves resourceVersion. Such a change is no conflict:
    // retry when the spec (generation), labels and annotations are still what the edit started from.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return objectWrittenSchema.parse(await apiSend('PUT', path, toUpdateBody(final, version)));
      } catch (error) {
        if (!(error instanceof ApiClientError) || error.code !== 'conflict' || attempt >= 3) throw error;
        const current = (await apiGet(`${path}?limit=1`, gitRepoDetailSchema)).object.metadata;
        const base = final.base!.metadata;
        if (current.generation !== base.generation || !deepEqual(current.labels ?? {}, base.labels ?? {}) || !deepEqual(current.annotations ?? {}, base.annotations ?? {})) {
          throw new ApiClientError(409, 'conflict', `Git repo ${final.name} was changed by someone else since you opened it. Reload the page and make your change again.`);
        }
        version = current.resourceVersion ?? version;
      }
    }
  };

  const submit = async () => {
    const final = formWithYaml();
    if (!final) return;
    const problems = validateForm(final, { mode });
    if (Object.keys(problems).length > 0) {
      showProblems(problems);
      return;
    }
    setBusy(true);
    setSubmitError(undefined);
    try {
      if (mode === 'create') gitRepoCreatedSchema.parse(await apiSend('POST', `/api/v1/workspaces/${enc(ws)}/gitrepos`, toCreateBody(final)));
      else await save(final);
      await queryClient.invalidateQueries({ queryKey: fleetKeys.inWorkspace('gitrepos', ws) });
      router.push(objectHref(ws, 'gitrepos', final.name.trim()));
    } catch (error) {
      setBusy(false);
      showServerError(error);
    }
  };

  const last = step === 'review';
  const stepProps = { ws, mode, form, update, errors: visible };
  return (
    <div className="max-w-4xl">
      <Stepper current={step} reached={reached} onGo={(target) => (WIZARD_STEPS.indexOf(target) <= reached ? setStep(target) : undefined)} />
      <Card title={`${WIZARD_STEPS.indexOf(step) + 1}. ${STEP_LABELS[step]}`} data-testid="wizard-step">
        <form
          data-wizard-body
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void (last ? submit() : next());
          }}
        >
          {step === 'metadata' ? <MetadataStep {...stepProps} /> : null}
          {step === 'repository' ? <RepositoryStep {...stepProps} test={test} onUrlProblem={(problem) => setServerErrors({ repo: problem })} /> : null}
          {step === 'targets' ? <TargetsStep {...stepProps} /> : null}
          {step === 'advanced' ? <AdvancedStep {...stepProps} /> : null}
          {step === 'review' ? <ReviewStep ws={ws} form={form} yaml={yamlEdit?.text ?? generatedYaml} yamlError={yamlEdit?.error} onYamlChange={(text) => setYamlEdit({ text })} /> : null}
          {submitError ? (
            <p role="alert" className="mt-4 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200" data-testid="submit-error">
              {submitError}
            </p>
          ) : null}
          <div className="mt-6 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
            <Button variant="secondary" onClick={back} disabled={step === 'metadata' || busy}>
              Back
            </Button>
            <Button type="submit" pending={busy}>
              {last ? (mode === 'create' ? 'Create' : 'Save') : 'Next'}
            </Button>
            <ButtonLink variant="ghost" href={mode === 'edit' ? objectHref(ws, 'gitrepos', form.name) : sectionHref(ws, 'gitrepos')}>
              Cancel
            </ButtonLink>
          </div>
        </form>
      </Card>
    </div>
  );
}
