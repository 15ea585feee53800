import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the API's schema: a schema change that breaks a query fails `npm run codegen`,
// and one that changes a result type fails `tsc --noEmit` (both run in `npm run build`).
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: false,
        skipTypename: false,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
