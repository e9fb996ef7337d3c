export type DashboardModule = typeof import('../ui/render-dashboard.js');

/**
 * The one door to the dashboard's modules (ink, React, yoga). In the build the dashboard is its
 * own ES module file and the program a CommonJS one compiled from V8's code cache, where an
 * import() of its own cannot run: there this file is swapped for a call to the loader the
 * bin hands the program (scripts/build/dashboard-beside.mjs, source/cli/load-program.ts).
 */
export const importDashboard = async (): Promise<DashboardModule> => import('../ui/render-dashboard.js');
