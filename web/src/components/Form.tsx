import { useEffect, useRef, type ReactNode, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n';
import type { Problem } from '../lib/forms';

/** The API's own (English) words for a problem, marked as such where the interface is German. */
function Detail({ text }: { text?: string | undefined }) {
  const { language } = useLanguage();
  if (!text) return null;
  return (
    <>
      {' '}
      <span className="problem-detail" lang="en">
        {language === 'en' ? text : `(${text})`}
      </span>
    </>
  );
}

export function ErrorMessage({ id, problem }: { id: string; problem: Problem | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">{t('forms.errorPrefix')} </span>
      {problem.message}
      <Detail text={problem.detail} />
    </p>
  );
}

/**
 * The GOV.UK error summary: at the top of the form, focused after a failed submit, each problem linking to its
 * input. `round` changes with every failed submit.
 */
export function ErrorSummary({ problems, round, id }: { problems: Problem[]; round: number; id: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (round > 0 && problems.length > 0) ref.current?.focus();
    // only a new round moves the focus, not a re-render
  }, [round]); // eslint-disable-line react-hooks/exhaustive-deps
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="error-summary__title">
        {t('forms.summaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {problems.map((p, i) => (
          <li key={i}>
            {p.target ? (
              <a
                href={`#${p.target}`}
                onClick={(event) => {
                  const input = document.getElementById(p.target ?? '');
                  if (input) {
                    event.preventDefault();
                    input.focus();
                    input.scrollIntoView({ block: 'center' });
                  }
                }}
              >
                {p.message}
              </a>
            ) : (
              p.message
            )}
            <Detail text={p.detail} />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldShellProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  problem?: Problem | undefined;
  optional?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

function FieldShell({ id, label, hint, problem, optional, children }: FieldShellProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' field--error' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional ? <span className="field__optional"> {t('forms.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} problem={problem} />
      {children(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'>;

export interface TextFieldProps extends InputProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  problem?: Problem | undefined;
  optional?: boolean;
  /** Width class: narrow inputs for numbers and dates. */
  width?: 'full' | 'narrow' | 'medium';
}

export function TextField({ id, label, value, onChange, hint, problem, optional, width = 'full', ...rest }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem} optional={optional ?? false}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          className={`input input--${width}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={problem ? true : undefined}
          type="text"
          {...rest}
        />
      )}
    </FieldShell>
  );
}

/** A whole number, typed as text with the numeric keyboard (GOV.UK's advice over type="number"). */
export function NumberField(props: TextFieldProps) {
  return <TextField inputMode="numeric" autoComplete="off" width="narrow" {...props} />;
}

export interface TextAreaProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  problem?: Problem | undefined;
  optional?: boolean;
  rows?: number;
  maxLength?: number;
}

export function TextArea({ id, label, value, onChange, hint, problem, optional, rows = 4, maxLength }: TextAreaProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem} optional={optional ?? false}>
      {(describedBy) => (
        <textarea
          id={id}
          name={id}
          className="input textarea"
          rows={rows}
          value={value}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={problem ? true : undefined}
        />
      )}
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  /** A first option for "nothing chosen", with this text. */
  empty?: string;
  hint?: ReactNode;
  problem?: Problem | undefined;
  optional?: boolean;
}

export function SelectField({ id, label, value, onChange, options, empty, hint, problem, optional }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} problem={problem} optional={optional ?? false}>
      {(describedBy) => (
        <select
          id={id}
          name={id}
          className="input select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={problem ? true : undefined}
        >
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export interface CheckboxProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  problem?: Problem | undefined;
}

export function Checkbox({ id, label, checked, onChange, hint, problem }: CheckboxProps) {
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`choice${problem ? ' field--error' : ''}`}>
      <ErrorMessage id={`${id}-error`} problem={problem} />
      <input
        id={id}
        name={id}
        type="checkbox"
        className="choice__input"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
      />
      <label htmlFor={id} className="choice__label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint choice__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export interface FieldsetProps {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  problem?: Problem | undefined;
  children: ReactNode;
  className?: string;
  /** The legend as a heading-sized label. */
  large?: boolean;
}

/** A group of inputs with its legend; the first input's id is `id` so the error summary can link to it. */
export function Fieldset({ id, legend, hint, problem, children, className, large }: FieldsetProps) {
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`fieldset${problem ? ' field--error' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={describedBy}
    >
      <legend className={`fieldset__legend${large ? ' fieldset__legend--large' : ''}`}>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} problem={problem} />
      {children}
    </fieldset>
  );
}

export interface RadioGroupProps<V extends string> {
  id: string;
  legend: ReactNode;
  value: V | '';
  onChange: (value: V) => void;
  options: { value: V; label: ReactNode; hint?: ReactNode }[];
  hint?: ReactNode;
  problem?: Problem | undefined;
  inline?: boolean;
}

export function RadioGroup<V extends string>({ id, legend, value, onChange, options, hint, problem, inline }: RadioGroupProps<V>) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} problem={problem}>
      <div className={inline ? 'choices choices--inline' : 'choices'}>
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <div className="choice" key={o.value}>
              <input
                id={optionId}
                type="radio"
                className="choice__input"
                name={id}
                value={o.value}
                checked={value === o.value}
                onChange={() => onChange(o.value)}
                aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              />
              <label htmlFor={optionId} className="choice__label">
                {o.label}
              </label>
              {o.hint ? (
                <p id={`${optionId}-hint`} className="hint choice__hint">
                  {o.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export interface CheckboxGroupProps {
  id: string;
  legend: ReactNode;
  options: SelectOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
  hint?: ReactNode;
  problem?: Problem | undefined;
  columns?: boolean;
}

/** Several choices from a short list (fields, target groups, languages). */
export function CheckboxGroup({ id, legend, options, selected, onChange, hint, problem, columns = true }: CheckboxGroupProps) {
  const toggle = (value: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== value), value] : selected.filter((s) => s !== value));
  return (
    <Fieldset id={id} legend={legend} hint={hint} problem={problem}>
      <div className={columns ? 'choices choices--columns' : 'choices'}>
        {options.map((o, i) => (
          <div className="choice" key={o.value}>
            <input
              id={i === 0 ? id : `${id}-${o.value}`}
              type="checkbox"
              className="choice__input"
              checked={selected.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label htmlFor={i === 0 ? id : `${id}-${o.value}`} className="choice__label">
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}

/** The form's submit button; its name stays the same while busy, and a status next to it says what happens. */
export function SubmitButton({
  busy,
  children,
  busyText,
  secondary,
}: {
  busy: boolean;
  children: ReactNode;
  busyText: ReactNode;
  secondary?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {children}
      </button>
      {secondary}
      <span className="busy" role="status">
        {busy ? busyText : ''}
      </span>
    </div>
  );
}
