/**
 * Sends drift alerts to ALERT_WEBHOOK_URL (JSON POST) and by email (SMTP_URL to ADMIN_EMAIL). Each channel is tried
 * independently and reports its own outcome, so a broken webhook never stops the email, and neither fails the scan.
 */
import nodemailer from 'nodemailer';
import { alertEmail, alertJson, type DriftAlert } from './driftAlert';

/** The outcome of one channel. */
export interface Delivery {
  channel: 'webhook' | 'email';
  ok: boolean;
  detail: string;
}

/** Sends alerts. */
export interface AlertSender {
  send(alert: DriftAlert): Promise<Delivery[]>;
}

/** Alert configuration (from config.alerts). */
export interface AlertConfig {
  webhookUrl?: string;
  smtpUrl?: string;
  adminEmail?: string;
  /** Sender address; defaults to grax-connect@localhost. */
  from?: string;
  timeoutMs?: number;
}

async function postWebhook(url: string, alert: DriftAlert, timeoutMs: number): Promise<Delivery> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'GRAX-Connect' },
      body: JSON.stringify(alertJson(alert)),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { channel: 'webhook', ok: response.ok, detail: `HTTP ${response.status}` };
  } catch (error) {
    return { channel: 'webhook', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

async function sendEmail(
  config: Required<Pick<AlertConfig, 'smtpUrl' | 'adminEmail' | 'from'>>,
  alert: DriftAlert,
  timeoutMs: number,
): Promise<Delivery> {
  try {
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const { subject, text } = alertEmail(alert);
    const info = await transport.sendMail({ from: config.from, to: config.adminEmail, subject, text });
    transport.close();
    return { channel: 'email', ok: true, detail: `accepted for ${info.accepted.map(String).join(', ')}` };
  } catch (error) {
    return { channel: 'email', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** An alert sender for the configured channels (none configured: sends nothing). */
export function createAlertSender(config: AlertConfig): AlertSender {
  const timeoutMs = config.timeoutMs ?? 10_000;
  return {
    async send(alert) {
      const deliveries: Promise<Delivery>[] = [];
      if (config.webhookUrl) deliveries.push(postWebhook(config.webhookUrl, alert, timeoutMs));
      if (config.smtpUrl && config.adminEmail) {
        const from = config.from ?? 'grax-connect@localhost';
        deliveries.push(sendEmail({ smtpUrl: config.smtpUrl, adminEmail: config.adminEmail, from }, alert, timeoutMs));
      }
      return Promise.all(deliveries);
    },
  };
}
