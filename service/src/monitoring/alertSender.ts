/**
 * Sends drift alerts to ALERT_WEBHOOK_URL (JSON POST) and by email (SMTP_URL to every ADMIN_EMAIL address). Each
 * channel is tried independently and reports its own outcome, so a broken webhook never stops the email, and neither
 * fails the scan. The same SMTP set-up sends other admin email (the reconnect link).
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
  /** The ADMIN_EMAIL addresses. */
  adminEmails?: readonly string[];
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

/** One email to every ADMIN_EMAIL address. */
export interface AdminMail {
  subject: string;
  text: string;
}

/** Sends email to the configured admin addresses (SMTP_URL, ADMIN_EMAIL). */
export interface AdminMailer {
  /** How many addresses receive each email. */
  readonly recipients: number;
  send(mail: AdminMail): Promise<{ ok: boolean; detail: string }>;
}

async function sendEmail(
  config: { smtpUrl: string; adminEmails: readonly string[]; from: string },
  mail: AdminMail,
  timeoutMs: number,
): Promise<Delivery> {
  try {
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const info = await transport.sendMail({ from: config.from, to: [...config.adminEmails], ...mail });
    transport.close();
    return { channel: 'email', ok: true, detail: `accepted for ${info.accepted.map(String).join(', ')}` };
  } catch (error) {
    return { channel: 'email', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Email to the admins, or null when SMTP_URL or ADMIN_EMAIL is not set. */
export function createAdminMailer(config: AlertConfig): AdminMailer | null {
  const { smtpUrl, adminEmails } = config;
  if (!smtpUrl || !adminEmails || adminEmails.length === 0) return null;
  const from = config.from ?? 'grax-connect@localhost';
  const timeoutMs = config.timeoutMs ?? 10_000;
  return {
    recipients: adminEmails.length,
    send: (mail) => sendEmail({ smtpUrl, adminEmails, from }, mail, timeoutMs),
  };
}

/** An alert sender for the configured channels (none configured: sends nothing). */
export function createAlertSender(config: AlertConfig): AlertSender {
  const timeoutMs = config.timeoutMs ?? 10_000;
  return {
    async send(alert) {
      const deliveries: Promise<Delivery>[] = [];
      if (config.webhookUrl) deliveries.push(postWebhook(config.webhookUrl, alert, timeoutMs));
      const mailer = createAdminMailer(config);
      if (mailer) deliveries.push(mailer.send(alertEmail(alert)).then((sent) => ({ channel: 'email', ...sent })));
      return Promise.all(deliveries);
    },
  };
}
