// Prints the gzipped size of the JavaScript that the first page (dist/index.html) loads: its module script and
// the chunks it preloads (static imports). Lazily loaded pages are listed apart and do not count.
// Usage: npm run size [-- --limit 250]   (exits 1 above the limit, in kB)
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const limitArg = process.argv.indexOf('--limit');
const limitKb = limitArg > 0 ? Number(process.argv[limitArg + 1]) : 250;

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error('dist/index.html is missing: run `npm run build` first.');
  process.exit(2);
}

const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
const firstPage = [...new Set([...scripts, ...preloads])];

const kb = (bytes) => (bytes / 1024).toFixed(1);
const gz = (file) => gzipSync(readFileSync(join(dist, file.replace(/^\//, ''))), { level: 9 }).length;

let total = 0;
console.log('First page (index.html) JavaScript, gzipped:');
for (const file of firstPage) {
  const size = gz(file);
  total += size;
  console.log(`  ${file.padEnd(48)} ${kb(size).padStart(8)} kB`);
}
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(8)} kB  (budget ${limitKb} kB)`);

const assets = readdirSync(join(dist, 'assets'));
const lazy = assets.filter((f) => f.endsWith('.js') && !firstPage.includes(`/assets/${f}`));
const lazyTotal = lazy.reduce((sum, f) => sum + gz(`/assets/${f}`), 0);
console.log(`Other chunks (loaded on demand, GraphiQL included): ${lazy.length} files, ${kb(lazyTotal)} kB gzipped`);

const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
for (const file of css) console.log(`First page CSS ${file}: ${kb(gz(file))} kB gzipped (not counted)`);

console.log(`FIRST_PAGE_JS_GZIP_KB=${kb(total)}`);
if (total / 1024 > limitKb) {
  console.error(`Over budget: ${kb(total)} kB > ${limitKb} kB`);
  process.exit(1);
}
