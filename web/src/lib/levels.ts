import type { TFunction } from 'i18next';

/** DigComp 2.2 proficiency levels 1 to 8, in plain words. */
export const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

const KEYS = [
  'levels.l1',
  'levels.l2',
  'levels.l3',
  'levels.l4',
  'levels.l5',
  'levels.l6',
  'levels.l7',
  'levels.l8',
] as const;

/** "kann das selbstständig und anderen erklären" */
export function levelWords(level: number, t: TFunction): string {
  const key = KEYS[Math.min(8, Math.max(1, Math.round(level))) - 1];
  return key ? t(key) : String(level);
}

/** "kann das selbstständig und anderen erklären (Stufe 5 von 8)" */
export function levelText(level: number, t: TFunction): string {
  return t('levels.described', { words: levelWords(level, t), level });
}

/** "Stufe 5 von 8" */
export function levelShort(level: number, t: TFunction): string {
  return t('levels.short', { level });
}

export function levelOptions(t: TFunction) {
  return LEVELS.map((level) => ({ value: String(level), label: t('levels.option', { level, words: levelWords(level, t) }) }));
}

export const PROFICIENCIES = ['BEGINNER', 'INTERMEDIATE', 'EXPERT'] as const;
export type ProficiencyValue = (typeof PROFICIENCIES)[number];

export function proficiencyLabel(value: string, t: TFunction): string {
  switch (value) {
    case 'BEGINNER':
      return t('proficiency.BEGINNER');
    case 'EXPERT':
      return t('proficiency.EXPERT');
    default:
      return t('proficiency.INTERMEDIATE');
  }
}

export function proficiencyOptions(t: TFunction) {
  return PROFICIENCIES.map((p) => ({ value: p, label: proficiencyLabel(p, t) }));
}

export function priorityLabel(priority: number, t: TFunction): string {
  if (priority <= 1) return t('priority.p1');
  if (priority >= 3) return t('priority.p3');
  return t('priority.p2');
}

export function priorityOptions(t: TFunction) {
  return [1, 2, 3].map((p) => ({ value: String(p), label: priorityLabel(p, t) }));
}
