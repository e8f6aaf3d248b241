/**
 * The API usage chart: this service's calls per hour over the last 24 hours as an inline SVG drawn on the server (no
 * script), with a text summary and a table for screen readers.
 */
import type { ApiUsage } from '../../../monitoring/apiUsage';
import { html, type SafeHtml } from '../../html';

const WIDTH = 480;
const HEIGHT = 120;
const BAR_GAP = 2;

/** The chart for an org's usage. */
export function apiUsageChart(usage: ApiUsage): SafeHtml {
  const max = Math.max(1, ...usage.hourly.map((h) => h.calls));
  const barWidth = WIDTH / usage.hourly.length - BAR_GAP;
  const daily = usage.dailyApiRequests;
  const summary = daily
    ? `${usage.serviceCallsLast24h} calls by GRAX in the last 24 hours; the org has ${daily.remaining} of ${daily.max} daily API requests left.`
    : `${usage.serviceCallsLast24h} calls by GRAX in the last 24 hours.`;
  return html`<figure class="grax-usage">
    <svg role="img" aria-labelledby="grax-usage-title" viewBox="0 0 ${WIDTH} ${HEIGHT + 20}" width="${WIDTH}" height="${HEIGHT + 20}">
      <title id="grax-usage-title">${summary}</title>
      ${usage.hourly.map((h, i) => {
        const barHeight = Math.round((h.calls / max) * HEIGHT);
        const x = Math.round(i * (barWidth + BAR_GAP));
        return html`<rect class="grax-usage__bar" fill="#0176d3" x="${x}" y="${HEIGHT - barHeight}" width="${Math.max(1, Math.round(barWidth))}" height="${barHeight}"><title>${h.hour.slice(11, 16)} UTC: ${h.calls} calls</title></rect>`;
      })}
      <line x1="0" y1="${HEIGHT}" x2="${WIDTH}" y2="${HEIGHT}" class="grax-usage__axis" stroke="#747474" />
      <text x="0" y="${HEIGHT + 15}" class="grax-usage__label">${usage.hourly[0]?.hour.slice(11, 16) ?? ''} UTC</text>
      <text x="${WIDTH}" y="${HEIGHT + 15}" text-anchor="end" class="grax-usage__label">now</text>
    </svg>
    <figcaption class="slds-text-body_small">${summary}</figcaption>
  </figure>`;
}
