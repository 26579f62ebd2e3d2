import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FlowSchema } from '../../core/flow.js';
import { compareGuides } from './compare.js';
import { GuideError } from './guide-error.js';
import { parseGuide } from './parse-guide.js';
import { type ImportedFlow, toFlow } from './to-flow.js';

/** The language a guide is in, from its name: `….zh.md` is Simplified Chinese, anything else English. */
const languageOf = (file: string): string => (/\.zh(-cn)?\.md$/i.test(basename(file)) ? 'zh-CN' : 'en');

/** Reads, parses and compares the guides (one per language), and turns them into a flow and its texts. */
export async function importGuides(id: string, files: string[]): Promise<ImportedFlow> {
  const guides = await Promise.all(
    files.map(async (file) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new GuideError(file, 0, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      return { language: languageOf(file), outline: parseGuide(text, file) };
    }),
  );
  const languages = guides.map((g) => g.language);
  if (new Set(languages).size !== languages.length)
    throw new GuideError(
      files.join(' and '),
      0,
      'two guides in the same language (name the Chinese one ….zh.md)',
    );
  const [first, ...others] = guides;
  for (const other of others) if (first) compareGuides(first.outline, other.outline);
  const imported = toFlow(id, guides);
  // What the importer writes must be a flow the bot loads (an id that is not a slug, for one).
  const valid = FlowSchema.safeParse(imported.flow);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    throw new GuideError(
      files[0] ?? '',
      0,
      `does not make a valid flow: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  return imported;
}
