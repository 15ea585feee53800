import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Option } from '../lib/catalogue';
import type { Problem } from '../lib/forms';
import { ErrorMessage } from './Form';

export interface PickerGroup {
  key: string;
  label: string;
  options: Option[];
}

export interface PickerProps {
  /** The filter input's id (the error summary links here); checkboxes get `${id}-${slug}`. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  /** The filter input's label, unique on the page ("Werkzeuge filtern"). */
  filterLabel: string;
  groups: PickerGroup[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Controls shown under a chosen option (level, priority, proficiency). */
  renderExtra?: (slug: string, label: string) => ReactNode;
  problem?: Problem | undefined;
  /** Problems of single chosen entries, by slug. */
  entryProblem?: (slug: string) => Problem | undefined;
}

/**
 * A checklist over a catalogue list (tools by category, skills) with a filter box; categories are native
 * <details> so a phone shows a short page. Keyboard: Tab through, Space to tick.
 */
export function Picker({
  id,
  legend,
  hint,
  filterLabel,
  groups,
  selected,
  onChange,
  renderExtra,
  problem,
  entryProblem,
}: PickerProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const summaryId = useId();
  const needle = filter.trim().toLowerCase();
  const labelOf = new Map(groups.flatMap((g) => g.options.map((o) => [o.slug, o.label] as const)));
  const toggle = (slug: string, on: boolean) =>
    onChange(on ? [...selected.filter((s) => s !== slug), slug] : selected.filter((s) => s !== slug));
  const single = groups.length === 1;
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null, summaryId].filter(Boolean).join(' ');

  const list = (options: Option[]) => (
    <ul className="picker__list">
      {options.map((o) => {
        const checked = selected.includes(o.slug);
        const optionId = `${id}-${o.slug}`;
        const entry = checked ? entryProblem?.(o.slug) : undefined;
        return (
          <li key={o.slug} className={`picker__item${checked ? ' picker__item--checked' : ''}`}>
            <div className="choice">
              <input
                id={optionId}
                type="checkbox"
                className="choice__input"
                checked={checked}
                onChange={(e) => toggle(o.slug, e.target.checked)}
              />
              <label htmlFor={optionId} className="choice__label">
                {o.label}
              </label>
            </div>
            {checked && renderExtra ? (
              <div className={`picker__extra${entry ? ' field--error' : ''}`}>
                <ErrorMessage id={`${optionId}-error`} problem={entry} />
                {renderExtra(o.slug, o.label)}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <fieldset className={`fieldset picker${problem ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend className="fieldset__legend">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} problem={problem} />
      <p id={summaryId} className="picker__summary">
        {selected.length === 0
          ? t('picker.noneChosen')
          : t('picker.chosen', { list: selected.map((s) => labelOf.get(s) ?? s).join(', ') })}
      </p>
      <div className="field">
        <label htmlFor={id} className="field__label field__label--small">
          {filterLabel}
        </label>
        <input
          id={id}
          type="search"
          className="input input--medium"
          value={filter}
          autoComplete="off"
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {groups.map((group) => {
        const options = needle ? group.options.filter((o) => o.label.toLowerCase().includes(needle)) : group.options;
        if (options.length === 0) return null;
        if (single) return <div key={group.key}>{list(options)}</div>;
        const chosen = group.options.filter((o) => selected.includes(o.slug)).length;
        return (
          <details key={group.key} className="picker__group" open={needle !== '' || chosen > 0 || undefined}>
            <summary>
              {group.label}
              {chosen > 0 ? <span className="picker__count"> ({t('picker.countChosen', { count: chosen })})</span> : null}
            </summary>
            {list(options)}
          </details>
        );
      })}
      {needle && groups.every((g) => !g.options.some((o) => o.label.toLowerCase().includes(needle))) ? (
        <p className="hint">{t('picker.noMatch', { text: filter })}</p>
      ) : null}
    </fieldset>
  );
}
