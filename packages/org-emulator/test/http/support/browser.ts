/**
 * A minimal browser for the emulator's login pages: fetches a page, reads its first form (action, method, inputs)
 * and submits it the way a browser does (form-encoded POST with the clicked button's name), without following
 * redirects so tests can inspect where Salesforce sends the user.
 */

/** A fetched page. */
export interface Page {
  url: string;
  status: number;
  location: string | null;
  html: string;
}

/** A form found in a page. */
export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
  buttons: string[];
}

/** GETs a URL without following redirects. */
export async function open(url: string): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual' });
  return { url, status: res.status, location: res.headers.get('location'), html: await res.text() };
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The first form of a page; throws with the page text when there is none. */
export function formOf(page: Page): HtmlForm {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/.exec(page.html);
  if (!form) throw new Error(`No form on ${page.url} (HTTP ${page.status}):\n${page.html}`);
  const open = /<form\b[^>]*>/.exec(form[0])?.[0] ?? '';
  const fields: Record<string, string> = {};
  const buttons: string[] = [];
  for (const input of form[1]?.match(/<input\b[^>]*>/g) ?? []) {
    const name = attribute(input, 'name');
    if (!name) continue;
    if (attribute(input, 'type') === 'submit') buttons.push(name);
    else fields[name] = attribute(input, 'value') ?? '';
  }
  return {
    action: attribute(open, 'action') ?? '',
    method: (attribute(open, 'method') ?? 'get').toUpperCase(),
    fields,
    buttons,
  };
}

/** Submits a form as a browser would when the user fills `values` and clicks `button`. */
export async function submit(page: Page, values: Record<string, string>, button: string): Promise<Page> {
  const form = formOf(page);
  if (!form.buttons.includes(button)) throw new Error(`The form on ${page.url} has no button ${button}.`);
  const target = new URL(form.action, page.url).toString();
  const body = new URLSearchParams({ ...form.fields, ...values, [button]: button });
  const res = await fetch(target, {
    method: form.method,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  return { url: target, status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** Fills the Salesforce login form (#username, #password) and clicks Log In. */
export async function logIn(loginPage: Page, username: string, password: string): Promise<Page> {
  if (!/id="username"/.test(loginPage.html) || !/id="password"/.test(loginPage.html)) {
    throw new Error(`Not a login page (HTTP ${loginPage.status}):\n${loginPage.html}`);
  }
  return submit(loginPage, { username, pw: password }, 'Login');
}

/** The query parameters of a redirect's Location. */
export function redirectParams(page: Page): URLSearchParams {
  if (!page.location) throw new Error(`Expected a redirect from ${page.url}, got HTTP ${page.status}:\n${page.html}`);
  return new URL(page.location).searchParams;
}
