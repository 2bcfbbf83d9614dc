/**
 * Validation of the Git Repo wizard, step by step. Two sources, one result:
 *
 * - the same zod schemas the BFF and the API server use (`newObjectMetaSchema`, label and
 *   annotation maps, `gitRepoSpecSchema`, the auth Secret inputs), whose Kubernetes field paths
 *   are mapped to the form field that holds the value;
 * - what only a form can get wrong: an empty path entry, a URL git cannot clone, a target row
 *   left blank, a YAML target that does not parse.
 *
 * The result is a map from form field key (`name`, `repo`, `paths.2`, `targets.0`,
 * `clientSecret.password`, …) to a message, and {@link stepOf} says which step shows a key.
 */
import { annotationMapSchema, basicAuthInputSchema, fleetObjectNameSchema, labelMapSchema, sshAuthInputSchema } from '../api/schemas';
import { gitRepoSpecSchema, zodIssuesToFieldErrors } from '../fleet/schemas';
import { validateLabelSelector } from '../k8s/label-selector';
import { toMetadataMaps, toSpec, parseTargetYaml, type GitRepoForm, type SecretChoice } from './form-state';
import { checkRepoUrl } from './repo-url';

export const WIZARD_STEPS = ['metadata', 'repository', 'targets', 'advanced', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_LABELS: Record<WizardStep, string> = {
  metadata: 'Metadata',
  repository: 'Repository',
  targets: 'Targets',
  advanced: 'Advanced',
  review: 'Review',
};

export type FormErrors = Record<string, string>;

const STEP_OF_FIELD: Record<string, WizardStep> = {
  name: 'metadata',
  description: 'metadata',
  labels: 'metadata',
  annotations: 'metadata',
  repo: 'repository',
  ref: 'repository',
  paths: 'repository',
  bundles: 'repository',
  clientSecret: 'repository',
  targetMode: 'targets',
  targets: 'targets',
  serviceAccount: 'targets',
  targetNamespace: 'targets',
};

/** The step whose page shows a field key (`paths.2` → repository); unknown keys are Advanced. */
export function stepOf(key: string): WizardStep {
  return STEP_OF_FIELD[key.split('.')[0]!] ?? 'advanced';
}

/** Spec field → form field, where their names differ. */
const SPEC_ALIASES: Record<string, string> = {
  branch: 'ref',
  revision: 'ref',
  clientSecretName: 'clientSecret.existingName',
  helmSecretName: 'helmSecret.existingName',
  insecureSkipTLSVerify: 'tlsMode',
  disablePolling: 'pollingEnabled',
};

/**
 * A Kubernetes field path (`spec.targets[1].clusterSelector.matchLabels`) → a form key
 * (`targets.1`). Arrays edited as rows keep their index; everything else is the top field.
 */
export function formKeyOfField(field: string, form: Pick<GitRepoForm, 'targetMode'>): string {
  const meta = /^metadata\.(name|labels|annotations)(?:\[(.*)\])?/.exec(field);
  if (meta) {
    if (meta[1] === 'annotations' && meta[2] === 'field.cattle.io/description') return 'description';
    return meta[1]!;
  }
  const secret = /^secrets\.(clientSecret|helmSecret)\.?(\w+)?/.exec(field);
  if (secret) return secret[2] ? `${secret[1]}.${secret[2]}` : secret[1]!;
  const spec = /^spec\.(\w+)(?:\[(\d+)\])?/.exec(field);
  if (!spec) return field;
  const [, top, index] = spec;
  if (top === 'targets') return form.targetMode === 'custom' && index !== undefined ? `targets.${index}` : 'targetMode';
  if ((top === 'paths' || top === 'bundles') && index !== undefined) return `${top}.${index}`;
  return SPEC_ALIASES[top!] ?? top!;
}

/** "Invalid value: \"x\": spec.repo in body should …" → "should …" without the path noise. */
function humanMessage(message: string, field: string): string {
  const withoutValue = message.replace(/^Invalid value: .*?: (?=\S*\s)/, '');
  const withoutPath = withoutValue.startsWith(`${field} in body `) ? withoutValue.slice(`${field} in body `.length) : withoutValue;
  return withoutPath.replace(/^Required value$/, 'is required');
}

function add(errors: FormErrors, key: string, message: string): void {
  if (!(key in errors)) errors[key] = message;
}

function secretErrors(errors: FormErrors, key: 'clientSecret' | 'helmSecret', choice: SecretChoice): void {
  if (choice.mode === 'existing' && choice.existingName.trim() === '') add(errors, `${key}.existingName`, 'Choose a Secret');
  const schema = choice.mode === 'basic-auth' ? basicAuthInputSchema : choice.mode === 'ssh-auth' ? sshAuthInputSchema : undefined;
  if (!schema) return;
  const input = choice.mode === 'basic-auth' ? { type: 'basic-auth', username: choice.username, password: choice.password } : { type: 'ssh-auth', privateKey: choice.privateKey };
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]);
      add(errors, `${key}.${field}`, issue.message === 'is required' ? 'is required' : issue.message);
    }
  }
}

export interface ValidateOptions {
  /** On edit the name is fixed; it must still be the loaded one (the YAML step could change it). */
  mode: 'create' | 'edit';
}

/** Every problem of the form, keyed by form field. */
export function validateForm(form: GitRepoForm, options: ValidateOptions): FormErrors {
  const errors: FormErrors = {};

  // ---- Metadata
  if (options.mode === 'edit' && form.base && form.name !== form.base.metadata.name) {
    add(errors, 'name', `cannot change while editing (it is ${form.base.metadata.name}); clone the repo to use another name`);
  }
  const name = fleetObjectNameSchema.safeParse(form.name);
  if (!name.success) {
    const fieldError = zodIssuesToFieldErrors(name.error.issues, 'metadata.name')[0];
    add(errors, 'name', form.name === '' ? 'Enter a name' : humanMessage(fieldError?.message ?? 'is not a valid name', 'metadata.name'));
  }
  form.labels.forEach((row, index) => {
    if (row.key.trim() === '' && row.value !== '') add(errors, 'labels', `row ${index + 1} has a value but no key`);
  });
  form.annotations.forEach((row, index) => {
    if (row.key.trim() === '' && row.value !== '') add(errors, 'annotations', `row ${index + 1} has a value but no key`);
  });
  const maps = toMetadataMaps(form);
  for (const [key, schema, map] of [
    ['labels', labelMapSchema, maps.labels],
    ['annotations', annotationMapSchema, maps.annotations],
  ] as const) {
    if (!map) continue;
    const result = schema.safeParse(map);
    if (!result.success) {
      for (const error of zodIssuesToFieldErrors(result.error.issues, `metadata.${key}`)) add(errors, formKeyOfField(error.field, form), error.message);
    }
  }

  // ---- Repository
  const urlProblem = checkRepoUrl(form.repo);
  if (urlProblem) add(errors, 'repo', urlProblem);
  form.paths.forEach((path, index) => {
    if (path.trim() === '') add(errors, `paths.${index}`, 'Enter a path, or remove this entry (no paths means the whole repository)');
  });
  form.bundles.forEach((bundle, index) => {
    if (bundle.base.trim() === '') add(errors, `bundles.${index}`, 'Enter the base directory of this bundle, or remove it');
  });
  secretErrors(errors, 'clientSecret', form.clientSecret);

  // ---- Targets
  if (form.targetMode === 'custom') {
    if (form.targets.length === 0) add(errors, 'targetMode', 'Add at least one target, or choose "No clusters"');
    form.targets.forEach((row, index) => {
      const key = `targets.${index}`;
      if ((row.kind === 'clusterGroup' || row.kind === 'clusterName') && row.value.trim() === '') {
        add(errors, key, row.kind === 'clusterGroup' ? 'Choose a cluster group' : 'Choose a cluster');
      }
      if (row.kind === 'clusterSelector' || row.kind === 'clusterGroupSelector') {
        const problem = validateLabelSelector(row.selector, row.kind)[0];
        if (problem) add(errors, key, `${problem.field}: ${humanMessage(problem.message, problem.field)}`);
      }
      if (row.kind === 'yaml') {
        const parsed = parseTargetYaml(row.yaml);
        if (!parsed.ok) add(errors, key, `This target ${parsed.error}`);
      }
    });
  }

  // ---- Advanced
  secretErrors(errors, 'helmSecret', form.helmSecret);
  if (form.tlsMode === 'ca' && form.caBundle.trim() === '') add(errors, 'caBundle', 'Paste the PEM certificate(s) to trust, or choose another option');
  if (form.tlsMode === 'ca' && form.caBundle.trim() !== '' && !form.caBundle.includes('-----BEGIN CERTIFICATE-----')) {
    add(errors, 'caBundle', 'must be PEM: one or more "-----BEGIN CERTIFICATE-----" blocks');
  }

  // ---- The spec, as the BFF and the API server check it
  const spec = gitRepoSpecSchema.safeParse(toSpec(form), { reportInput: true });
  if (!spec.success) {
    for (const error of zodIssuesToFieldErrors(spec.error.issues, 'spec')) {
      add(errors, formKeyOfField(error.field, form), humanMessage(error.message, error.field));
    }
  }
  return errors;
}

/** The problems a step shows (Next stays on the step while there are any). */
export function validateStep(form: GitRepoForm, step: WizardStep, options: ValidateOptions): FormErrors {
  const all = validateForm(form, options);
  if (step === 'review') return all;
  return Object.fromEntries(Object.entries(all).filter(([key]) => stepOf(key) === step));
}

/** The first step with a problem, for the review step's "fix this first" jump. */
export function firstStepWithErrors(errors: FormErrors): WizardStep | undefined {
  return WIZARD_STEPS.find((step) => Object.keys(errors).some((key) => stepOf(key) === step));
}
