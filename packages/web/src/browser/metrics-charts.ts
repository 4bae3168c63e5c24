// Draws the four charts of /metrics/incidents from the page's JSON block. Only the Chart.js parts used
// here are imported and registered, so the bundle leaves the rest out. The page does not depend on
// this script: the same numbers are in the tables under each chart.
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { MetricsChartData } from '../metrics-chart-data';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** The theme's colours (muster.css custom properties), so charts follow light and dark mode. */
function palette(): { fg: string; line: string; series: string[]; sev: Record<string, string> } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', '#1b1f24'),
    line: v('--line', '#d0d7de'),
    series: [v('--accent', '#0a58ca'), v('--ok', '#1a7f37'), v('--warn', '#8a5a00'), v('--danger', '#b42318'), v('--muted', '#57606a')],
    sev: { SEV1: v('--sev1', '#b42318'), SEV2: v('--sev2', '#b54708'), SEV3: v('--sev3', '#4b5563') },
  };
}

function draw(id: string, config: ChartConfiguration): void {
  const canvas = document.getElementById(`chart-${id}`);
  if (canvas instanceof HTMLCanvasElement) new Chart(canvas, config);
}

function start(): void {
  const block = document.getElementById('metrics-data');
  if (!block?.textContent) return;
  const data = JSON.parse(block.textContent) as MetricsChartData;
  const p = palette();
  Chart.defaults.color = p.fg;
  Chart.defaults.borderColor = p.line;
  // The page keeps the chart boxes hidden until this runs, so a browser without scripts shows no blank canvases.
  document.documentElement.classList.add('charts-on');
  const common = { responsive: true, maintainAspectRatio: false, animation: false } as const;
  const weeks = [...data.weeks];

  draw('incidents-per-week', {
    type: 'bar',
    data: {
      labels: weeks,
      datasets: data.perWeek.severities.map((s, i) => ({ label: s, data: [...data.perWeek.counts[i]], backgroundColor: p.sev[s] ?? p.series[i % p.series.length] })),
    },
    options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Incidents' } } } },
  });

  const steps = [['acknowledge', 'Acknowledge'], ['mitigate', 'Mitigate'], ['resolve', 'Resolve']] as const;
  draw('durations', {
    type: 'line',
    data: {
      labels: weeks,
      datasets: steps.flatMap(([key, label], i) => [
        { label: `${label} (median)`, data: [...data.durations[key].median], borderColor: p.series[i], backgroundColor: p.series[i], spanGaps: false },
        { label: `${label} (p90)`, data: [...data.durations[key].p90], borderColor: p.series[i], backgroundColor: p.series[i], borderDash: [6, 4], spanGaps: false },
      ]),
    },
    options: { ...common, scales: { y: { beginAtZero: true, title: { display: true, text: 'Minutes from declaration' } } } },
  });

  draw('services', {
    type: 'bar',
    data: { labels: [...data.services.names], datasets: [{ label: 'Incidents', data: [...data.services.incidents], backgroundColor: p.series[0] }] },
    options: { ...common, indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });

  draw('action-items', {
    type: 'bar',
    data: {
      labels: weeks,
      datasets: [
        { label: 'Done', data: [...data.actionItems.done], backgroundColor: p.series[1] },
        { label: 'Open', data: [...data.actionItems.open], backgroundColor: p.series[2] },
      ],
    },
    options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Action items' } } } },
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
