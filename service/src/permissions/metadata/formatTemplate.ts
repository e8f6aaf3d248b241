/**
 * Formats the generated template exactly as the repository's Prettier configuration would, so that the committed
 * file passes `prettier --check` and the drift test compares like with like. Used by the generator and its test only.
 */
import path from 'node:path';
import { TEMPLATE_PATH, renderTemplateXml } from './template';

/** The template XML as it must be committed. */
export async function formatTemplate(repositoryRoot: string): Promise<string> {
  const prettier = await import('prettier');
  const filepath = path.join(repositoryRoot, TEMPLATE_PATH);
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(renderTemplateXml(), { ...options, filepath });
}
