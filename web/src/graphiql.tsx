// A development tool: GraphiQL against this origin's /graphql, with its CSS bundled so it works offline.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

const token = (() => {
  try {
    const stored = localStorage.getItem('cn.session');
    return stored ? (JSON.parse(stored) as { token?: string }).token ?? null : null;
  } catch {
    return null;
  }
})();

const fetcher = createGraphiQLFetcher({
  url: `${window.location.origin}/graphql`,
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility />
    </StrictMode>,
  );
}
