import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Chart.js's browser build (UMD, `window.Chart`), read once from the installed package and served
 * by the console itself, so that the impact page needs no CDN and its policy stays `script-src 'self'`.
 * Chart.js sets canvas sizes through the CSSOM only, which a style-src policy does not restrict.
 */
function readChartLibrary(): { version: string; source: string } {
  // The package exports no path to its UMD file; it sits next to the CommonJS entry point.
  const dist = dirname(require.resolve('chart.js'));
  const source = readFileSync(join(dist, 'chart.umd.js'), 'utf8');
  const version = /Chart\.js v([0-9.]+)/.exec(source)?.[1] ?? 'unknown';
  // The source map is not served: without this line a browser's developer tools would ask for it.
  return { version, source: source.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n') };
}

export const CHART_LIBRARY = readChartLibrary();

/** The page asks for the library with its version in the URL, so a new version is never a stale copy. */
export const CHART_LIBRARY_SRC = `chart.umd.js?v=${CHART_LIBRARY.version}`;
