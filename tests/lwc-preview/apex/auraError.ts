// The error shape an imperative Apex call rejects with in Lightning ({body: {message}}), so the preview's GRAX Setup
// page reads refusals exactly as it does in an org.

/** An AuraHandledException as the page receives it. */
export class AuraError extends Error {
  readonly body: { message: string };
  readonly status = 500;

  constructor(message: string) {
    super(message);
    this.name = 'AuraError';
    this.body = { message };
  }
}
