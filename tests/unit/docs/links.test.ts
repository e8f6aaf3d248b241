// The repository's Markdown is self-contained: a reader of a clone needs nothing else. Every relative link resolves
// to a file (and, for a `#heading`, to a heading) inside the repository, and no Markdown file names a path outside
// it: a `../` path that leaves the repository, a home or work directory, or a `.md` file the repository does not hold
// (the way a doc would cite someone's private notes).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@test-support/repoRoot';

/** What the checker needs to know about a repository; paths are relative to its root, with `/` separators. */
interface RepoView {
  markdownFiles: readonly string[];
  exists(relPath: string): boolean;
  isFile(relPath: string): boolean;
  read(relPath: string): string;
}

/** Characters that end a path written in prose or code. */
const PATH_CHARS = String.raw`[^\s\`'"()<>\[\]|,;*]`;
const PARENT_PATH = new RegExp(String.raw`(?<![\w./-])(?:\.\.\/)+${PATH_CHARS}*`, 'g');
const PERSONAL_PATH = new RegExp(
  String.raw`(?<![\w.:/-])(?:~\/|\/(?:work|home|Users|root|mnt|tmp)\/)${PATH_CHARS}*`,
  'g',
);
const MARKDOWN_NAME = /(?<![\w./:-])((?:[\w.-]+\/)*[\w-][\w.-]*\.md)(?![\w/])/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]`'"]+/gi;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The text with fenced code blocks and code spans blanked out (links there are not links). */
function withoutCode(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/(`+)[\s\S]*?\1/g, '');
    })
    .join('\n');
}

/** GitHub's anchors for a Markdown file's headings (`## Two words` -> `two-words`; repeats get `-1`, `-2`...). */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const base = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[`*]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Link targets of inline links, images and reference definitions, outside code. */
function linkTargets(text: string): string[] {
  const prose = withoutCode(text);
  const inline = Array.from(prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), (m) => m[1] ?? '');
  const definitions = Array.from(prose.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/gm), (m) => m[1] ?? '');
  return [...inline, ...definitions].filter((target) => target !== '');
}

/** Resolves `target` (relative to `fromDir`, or to the root when it starts with `/`); null when it leaves the root. */
function resolveInRepo(fromDir: string, target: string): string | null {
  const joined = target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.join(fromDir, target);
  const normalized = path.posix.normalize(joined);
  return normalized === '..' || normalized.startsWith('../') ? null : normalized.replace(/\/$/, '') || '.';
}

/** Every problem in one Markdown file, as `file: what is wrong`. */
function problemsIn(file: string, repo: RepoView): string[] {
  const text = repo.read(file);
  const dir = path.posix.dirname(file);
  const problems: string[] = [];

  for (const target of linkTargets(text)) {
    if (HAS_SCHEME.test(target)) continue;
    const [rawPath = '', anchor] = target.split('#', 2);
    if (rawPath === '') {
      if (anchor && !headingAnchors(text).has(anchor)) problems.push(`${file}: link to a missing heading #${anchor}`);
      continue;
    }
    let decoded = rawPath;
    try {
      decoded = decodeURIComponent(rawPath.split('?')[0] ?? '');
    } catch {
      // Leave a malformed escape as written; it will not resolve.
    }
    const resolved = resolveInRepo(dir, decoded);
    if (resolved === null) {
      problems.push(`${file}: link ${target} leaves the repository`);
    } else if (!repo.exists(resolved)) {
      problems.push(`${file}: link ${target} does not resolve to a file in the repository`);
    } else if (anchor && resolved.endsWith('.md') && repo.isFile(resolved)) {
      if (!headingAnchors(repo.read(resolved)).has(anchor)) {
        problems.push(`${file}: link ${target} names a heading that ${resolved} does not have`);
      }
    }
  }

  const withoutUrls = text.replace(URL, ' ');
  for (const match of withoutUrls.matchAll(PARENT_PATH)) {
    if (resolveInRepo(dir, match[0]) === null) problems.push(`${file}: names ${match[0]}, outside the repository`);
  }
  for (const match of withoutUrls.matchAll(PERSONAL_PATH)) {
    problems.push(`${file}: names ${match[0]}, outside the repository`);
  }
  const markdownBasenames = new Set(repo.markdownFiles.map((name) => path.posix.basename(name)));
  for (const match of withoutUrls.matchAll(MARKDOWN_NAME)) {
    const name = match[1] ?? '';
    const fromFile = resolveInRepo(dir, name);
    const fromRoot = resolveInRepo('.', name);
    const found =
      (fromFile !== null && repo.exists(fromFile)) ||
      (fromRoot !== null && repo.exists(fromRoot)) ||
      (!name.includes('/') && markdownBasenames.has(name));
    if (!found) problems.push(`${file}: names ${name}, which is not in the repository`);
  }
  return problems;
}

/** The real repository: tracked and untracked-but-not-ignored Markdown files. */
function checkout(): RepoView {
  const root = REPO_ROOT;
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'], {
    cwd: root,
    encoding: 'utf8',
  });
  const abs = (relPath: string) => path.join(root, ...relPath.split('/'));
  return {
    markdownFiles: listed.split('\0').filter((name) => name !== '' && existsSync(abs(name))),
    exists: (relPath) => existsSync(abs(relPath)),
    isFile: (relPath) => existsSync(abs(relPath)) && statSync(abs(relPath)).isFile(),
    read: (relPath) => readFileSync(abs(relPath), 'utf8'),
  };
}

/** A repository held in memory, for the checker's own tests. */
function memoryRepo(files: Record<string, string>): RepoView {
  const names = Object.keys(files);
  const isDir = (relPath: string) => names.some((name) => name.startsWith(`${relPath}/`));
  return {
    markdownFiles: names.filter((name) => name.endsWith('.md')),
    exists: (relPath) => relPath === '.' || relPath in files || isDir(relPath),
    isFile: (relPath) => relPath in files,
    read: (relPath) => files[relPath] ?? '',
  };
}

describe('the Markdown link checker', () => {
  const base = {
    'README.md': '# Project\n\n## Configuring a real org\n',
    'docs/architecture.md': '# Architecture\n\n## Store\n',
    'docs/adr/0001-x.md': '# 1. X\n',
    'service/src/main.ts': '',
  };

  it('accepts links to files, folders and headings in the repository, URLs and same-page anchors', () => {
    const repo = memoryRepo({
      ...base,
      'docs/guide.md': [
        '# Guide',
        '## Two `words` here',
        'See [architecture](architecture.md#store), [the ADRs](adr/), [main](../service/src/main.ts),',
        '[readme](../README.md#configuring-a-real-org), [below](#two-words-here), [root](/docs/architecture.md),',
        '[Salesforce](https://help.salesforce.com/s/articleView?id=x.htm) and `docs/adr/0001-x.md`.',
        '[ref]: ./adr/0001-x.md',
      ].join('\n'),
    });
    expect(problemsIn('docs/guide.md', repo)).toEqual([]);
  });

  it('reports a relative link to a file that does not exist', () => {
    const repo = memoryRepo({ ...base, 'docs/guide.md': 'See [design](design.md) and [old](../docs/gone.md).' });
    expect(problemsIn('docs/guide.md', repo)).toEqual([
      'docs/guide.md: link design.md does not resolve to a file in the repository',
      'docs/guide.md: link ../docs/gone.md does not resolve to a file in the repository',
      'docs/guide.md: names design.md, which is not in the repository',
      'docs/guide.md: names ../docs/gone.md, which is not in the repository',
    ]);
  });

  it('reports a link to a heading the target does not have, on another page or this one', () => {
    const repo = memoryRepo({ ...base, 'docs/guide.md': '# Guide\n[a](architecture.md#crypto) [b](#nowhere)' });
    expect(problemsIn('docs/guide.md', repo)).toEqual([
      'docs/guide.md: link architecture.md#crypto names a heading that docs/architecture.md does not have',
      'docs/guide.md: link to a missing heading #nowhere',
    ]);
  });

  it('reports links and paths that leave the repository, even inside code', () => {
    const repo = memoryRepo({
      ...base,
      'docs/guide.md': 'See [notes](../../shared/design.md).\n\n```sh\ncat ../../shared/style.md\n```\n',
    });
    expect(problemsIn('docs/guide.md', repo)).toEqual([
      'docs/guide.md: link ../../shared/design.md leaves the repository',
      'docs/guide.md: names ../../shared/design.md, outside the repository',
      'docs/guide.md: names ../../shared/style.md, outside the repository',
      'docs/guide.md: names ../../shared/design.md, which is not in the repository',
      'docs/guide.md: names ../../shared/style.md, which is not in the repository',
    ]);
  });

  it('reports home and work directories and Markdown files the repository does not hold', () => {
    const repo = memoryRepo({
      ...base,
      'docs/adr/0002-y.md':
        'Follows `shared/reference/salesforce-api-facts.md` (see /work/shared/design.md and ~/notes).',
    });
    expect(problemsIn('docs/adr/0002-y.md', repo)).toEqual([
      'docs/adr/0002-y.md: names /work/shared/design.md, outside the repository',
      'docs/adr/0002-y.md: names ~/notes, outside the repository',
      'docs/adr/0002-y.md: names shared/reference/salesforce-api-facts.md, which is not in the repository',
    ]);
  });

  it('ignores Markdown names inside URLs', () => {
    const repo = memoryRepo({
      ...base,
      'docs/guide.md':
        'Source: https://github.com/salesforcecli/plugin-data/blob/main/README.md and <https://x.org/y.md>.',
    });
    expect(problemsIn('docs/guide.md', repo)).toEqual([]);
  });
});

describe('the repository Markdown', () => {
  const repo = checkout();

  it('includes the README, the docs and the ADRs', () => {
    expect(repo.markdownFiles).toEqual(
      expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/adr/README.md']),
    );
  });

  it.each(repo.markdownFiles)('%s links and names only files inside the repository', (file) => {
    expect(problemsIn(file, repo)).toEqual([]);
  });
});
