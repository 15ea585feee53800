import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalogue } from '../lib/catalogue';
import type { Problems } from '../lib/forms';
import { levelOptions, priorityOptions, proficiencyOptions, type ProficiencyValue } from '../lib/levels';
import { Picker, type PickerGroup } from './Picker';

export function toolGroups(catalogue: Catalogue): PickerGroup[] {
  return catalogue.toolsByCategory.map((c) => ({ key: c.category.slug, label: c.category.label, options: c.tools }));
}

export function skillGroups(catalogue: Catalogue, label: string): PickerGroup[] {
  return [{ key: 'skills', label, options: catalogue.skills }];
}

/** A small select inside a picker entry, labelled "<what>: <entry>" so every label on the page is unique. */
function InlineSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-field__label">
        {label}
      </label>
      <select id={id} className="input select select--small" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ToolEntry {
  tool: string;
  proficiency: ProficiencyValue;
}

/** Tools with how well they are known (associations' tools, volunteers' tools). */
export function ToolProficiencyEditor({
  id,
  legend,
  hint,
  filterLabel,
  proficiencyLabel,
  catalogue,
  value,
  onChange,
  problems,
}: {
  id: string;
  legend: string;
  hint?: string;
  filterLabel: string;
  /** "Kenntnisse" -> "Kenntnisse: Nextcloud" */
  proficiencyLabel: string;
  catalogue: Catalogue;
  value: ToolEntry[];
  onChange: (value: ToolEntry[]) => void;
  problems: Problems;
}) {
  const { t } = useTranslation();
  const selected = value.map((v) => v.tool);
  return (
    <Picker
      id={id}
      legend={legend}
      hint={hint}
      filterLabel={filterLabel}
      groups={toolGroups(catalogue)}
      selected={selected}
      problem={problems.errorFor(id)}
      entryProblem={(slug) => problems.errorFor(`${id}-${slug}`)}
      onChange={(slugs) =>
        onChange(slugs.map((slug) => value.find((v) => v.tool === slug) ?? { tool: slug, proficiency: 'INTERMEDIATE' }))
      }
      renderExtra={(slug, label) => (
        <InlineSelect
          id={`${id}-${slug}-proficiency`}
          label={`${proficiencyLabel}: ${label}`}
          value={value.find((v) => v.tool === slug)?.proficiency ?? 'INTERMEDIATE'}
          options={proficiencyOptions(t)}
          onChange={(p) =>
            onChange(value.map((v) => (v.tool === slug ? { ...v, proficiency: p as ProficiencyValue } : v)))
          }
        />
      )}
    />
  );
}

/** The catalogue's skills as a checklist with a filter; each chosen skill gets the controls `renderExtra` makes. */
function SkillPicker({
  id,
  catalogue,
  texts,
  selected,
  problems,
  onChange,
  renderExtra,
}: {
  id: string;
  catalogue: Catalogue;
  texts: { legend: string; hint: string; filter: string };
  selected: string[];
  problems: Problems;
  onChange: (slugs: string[]) => void;
  renderExtra: (slug: string, label: string) => ReactNode;
}) {
  return (
    <Picker
      id={id}
      legend={texts.legend}
      hint={texts.hint}
      filterLabel={texts.filter}
      groups={skillGroups(catalogue, texts.legend)}
      selected={selected}
      problem={problems.errorFor(id)}
      entryProblem={(slug) => problems.errorFor(`${id}-${slug}`)}
      onChange={onChange}
      renderExtra={renderExtra}
    />
  );
}

export interface NeedEntry {
  skill: string;
  minLevel: number;
  priority: number;
}

/** Skills an association needs help with, each with a minimum level and a priority. */
export function NeedsEditor({
  id,
  catalogue,
  value,
  onChange,
  problems,
}: {
  id: string;
  catalogue: Catalogue;
  value: NeedEntry[];
  onChange: (value: NeedEntry[]) => void;
  problems: Problems;
}) {
  const { t } = useTranslation();
  return (
    <SkillPicker
      id={id}
      catalogue={catalogue}
      texts={{ legend: t('needs.legend'), hint: t('needs.hint'), filter: t('needs.filter') }}
      selected={value.map((v) => v.skill)}
      problems={problems}
      onChange={(slugs) =>
        onChange(slugs.map((slug) => value.find((v) => v.skill === slug) ?? { skill: slug, minLevel: 2, priority: 2 }))
      }
      renderExtra={(slug, label) => {
        const entry = value.find((v) => v.skill === slug) ?? { skill: slug, minLevel: 2, priority: 2 };
        const update = (patch: Partial<NeedEntry>) =>
          onChange(value.map((v) => (v.skill === slug ? { ...v, ...patch } : v)));
        return (
          <>
            <InlineSelect
              id={`${id}-${slug}-level`}
              label={t('needs.minLevel', { skill: label })}
              value={String(entry.minLevel)}
              options={levelOptions(t)}
              onChange={(v) => update({ minLevel: Number(v) })}
            />
            <InlineSelect
              id={`${id}-${slug}-priority`}
              label={t('needs.priority', { skill: label })}
              value={String(entry.priority)}
              options={priorityOptions(t)}
              onChange={(v) => update({ priority: Number(v) })}
            />
          </>
        );
      }}
    />
  );
}

export interface OfferEntry {
  skill: string;
  level: number;
}

/** Skills a volunteer offers, each at a DigComp level explained in plain words. */
export function SkillOffersEditor({
  id,
  catalogue,
  value,
  onChange,
  problems,
}: {
  id: string;
  catalogue: Catalogue;
  value: OfferEntry[];
  onChange: (value: OfferEntry[]) => void;
  problems: Problems;
}) {
  const { t } = useTranslation();
  return (
    <SkillPicker
      id={id}
      catalogue={catalogue}
      texts={{ legend: t('offers.legend'), hint: t('offers.hint'), filter: t('offers.filter') }}
      selected={value.map((v) => v.skill)}
      problems={problems}
      onChange={(slugs) => onChange(slugs.map((slug) => value.find((v) => v.skill === slug) ?? { skill: slug, level: 4 }))}
      renderExtra={(slug, label) => (
        <InlineSelect
          id={`${id}-${slug}-level`}
          label={t('offers.level', { skill: label })}
          value={String(value.find((v) => v.skill === slug)?.level ?? 4)}
          options={levelOptions(t)}
          onChange={(v) => onChange(value.map((o) => (o.skill === slug ? { ...o, level: Number(v) } : o)))}
        />
      )}
    />
  );
}

/** The DigComp levels in plain words, folded away until asked for. */
export function LevelExplainer() {
  const { t } = useTranslation();
  return (
    <details className="explainer">
      <summary>{t('levels.explainTitle')}</summary>
      <p>{t('levels.explainIntro')}</p>
      <ol className="level-list">
        {levelOptions(t).map((o) => (
          <li key={o.value}>{o.label}</li>
        ))}
      </ol>
    </details>
  );
}

/** Indexed server paths of a submitted list (`tools.2`) mapped to the entry's input id (`tools-nextcloud`). */
export function entryTargets(id: string, path: string, slugs: string[]): Record<string, string> {
  const out: Record<string, string> = { [path]: id };
  slugs.forEach((slug, i) => {
    out[`${path}.${i}`] = `${id}-${slug}`;
  });
  return out;
}
