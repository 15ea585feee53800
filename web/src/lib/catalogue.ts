import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { CatalogueQuery as CatalogueData } from '../gql/graphql';
import { useLanguage } from '../i18n';

const CatalogueQuery = graphql(`
  query Catalogue($language: Language!) {
    toolCategories {
      slug
      label(language: $language)
    }
    tools {
      slug
      name
      openSource
      category {
        slug
      }
    }
    skills {
      slug
      label(language: $language)
    }
    fields {
      slug
      label(language: $language)
    }
    targetGroups {
      slug
      label(language: $language)
      kind
    }
    districts {
      slug
      name
      ringbahnPosition
    }
  }
`);

export interface Option {
  slug: string;
  label: string;
}

export interface CatalogueTool extends Option {
  openSource: boolean | null;
  category: string;
}

export interface Catalogue {
  tools: CatalogueTool[];
  /** Categories in the API's order, each with its tools sorted by name. */
  toolsByCategory: { category: Option; tools: CatalogueTool[] }[];
  skills: Option[];
  fields: Option[];
  targetGroups: (Option & { kind: string })[];
  districts: Option[];
  toolName: (slug: string) => string;
  skillLabel: (slug: string) => string;
  fieldLabel: (slug: string) => string;
  groupLabel: (slug: string) => string;
  districtName: (slug: string) => string;
}

function build(data: CatalogueData, locale: string): Catalogue {
  const byLabel = <T extends Option>(items: T[]) => [...items].sort((a, b) => a.label.localeCompare(b.label, locale));
  const tools = byLabel(
    data.tools.map((t) => ({ slug: t.slug, label: t.name, openSource: t.openSource ?? null, category: t.category.slug })),
  );
  const skills = byLabel(data.skills.map((s) => ({ slug: s.slug, label: s.label })));
  const fields = byLabel(data.fields.map((f) => ({ slug: f.slug, label: f.label })));
  const targetGroups = byLabel(data.targetGroups.map((g) => ({ slug: g.slug, label: g.label, kind: g.kind })));
  const districts = byLabel(data.districts.map((d) => ({ slug: d.slug, label: d.name })));
  const lookup = (items: Option[]) => {
    const map = new Map(items.map((i) => [i.slug, i.label]));
    return (slug: string) => map.get(slug) ?? slug;
  };
  const toolsByCategory = data.toolCategories
    .map((c) => ({ category: { slug: c.slug, label: c.label }, tools: tools.filter((t) => t.category === c.slug) }))
    .filter((c) => c.tools.length > 0);
  return {
    tools,
    toolsByCategory,
    skills,
    fields,
    targetGroups,
    districts,
    toolName: lookup(tools),
    skillLabel: lookup(skills),
    fieldLabel: lookup(fields),
    groupLabel: lookup(targetGroups),
    districtName: lookup(districts),
  };
}

/** The reference catalogue in the interface language: names for slugs, options for pickers. */
export function useCatalogue() {
  const { api, locale } = useLanguage();
  const [result, reexecute] = useQuery({ query: CatalogueQuery, variables: { language: api } });
  const catalogue = useMemo(() => (result.data ? build(result.data, locale) : null), [result.data, locale]);
  return { catalogue, fetching: result.fetching, error: result.error, retry: () => reexecute({ requestPolicy: 'network-only' }) };
}
