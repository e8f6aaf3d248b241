// The org's daily API requests and the GRAX service's own calls (status.apiUsage), with a small per-hour chart
// whose values are also given as text for screen readers.
import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/graxLabels';

export default class GraxApiUsage extends LightningElement {
  labels = LABELS;

  /** status.apiUsage: {dailyApiRequests: {max, remaining}, serviceCallsLast24h, hourly: [{hour, calls}]}. */
  @api apiUsage;

  get daily() {
    return this.apiUsage && this.apiUsage.dailyApiRequests;
  }

  get hasDaily() {
    return Boolean(this.daily && this.daily.max > 0);
  }

  get dailyUsed() {
    return this.daily.max - this.daily.remaining;
  }

  get dailyText() {
    return this.hasDaily
      ? format(LABELS.dailyApiRequestsValue, formatNumber(this.dailyUsed), formatNumber(this.daily.max))
      : LABELS.dailyApiRequestsUnknown;
  }

  get dailyPercent() {
    return Math.round((this.dailyUsed / this.daily.max) * 100);
  }

  get serviceCallsText() {
    const calls = this.apiUsage && this.apiUsage.serviceCallsLast24h;
    return typeof calls === 'number' ? formatNumber(calls) : LABELS.dailyApiRequestsUnknown;
  }

  get hasHourly() {
    return this.hourlyBars.length > 0;
  }

  get hourlyBars() {
    const hourly = (this.apiUsage && this.apiUsage.hourly) || [];
    const highest = Math.max(1, ...hourly.map((entry) => entry.calls));
    return hourly.map((entry) => ({
      hour: entry.hour,
      text: format(LABELS.hourlyCallsItem, formatHour(entry.hour), entry.calls),
      style: `height: ${Math.round((entry.calls / highest) * 100)}%`,
    }));
  }
}

function formatNumber(value) {
  return new Intl.NumberFormat().format(value);
}

function formatHour(isoHour) {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(isoHour));
}
