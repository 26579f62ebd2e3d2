import { GuideError } from './guide-error.js';
import { type GuideOutline, type GuideStep, stepText } from './parse-guide.js';

/**
 * Checks that two languages of one guide say the same thing in structure: the same stages, the same
 * steps in each, and on each step the same links and screenshots in the same order. The first
 * difference is refused, naming both files, the step and what differs.
 */
export function compareGuides(a: GuideOutline, b: GuideOutline): void {
  const where = (line: number, what: string) => new GuideError(`${a.file} and ${b.file}`, line, what);
  if (a.stages.length !== b.stages.length)
    throw where(1, `${a.stages.length} stages against ${b.stages.length}`);
  a.stages.forEach((stage, s) => {
    const other = b.stages[s]?.steps ?? [];
    if (stage.steps.length !== other.length)
      throw where(
        stage.line,
        `stage ${s + 1} ("${stage.title}") has ${stage.steps.length} steps against ${other.length} (line ${b.stages[s]?.line})`,
      );
    for (const [i, step] of stage.steps.entries())
      compareStep(step, other[i] as GuideStep, `stage ${s + 1}, step ${i + 1}`, where);
  });
}

function compareStep(
  a: GuideStep,
  b: GuideStep,
  name: string,
  where: (line: number, what: string) => GuideError,
): void {
  const label = `${name} ("${stepText(a).slice(0, 50)}", line ${a.line} against line ${b.line})`;
  const links = [a.links.map((l) => l.url), b.links.map((l) => l.url)];
  if (links[0]?.join(' ') !== links[1]?.join(' '))
    throw where(
      a.line,
      `${label}: links differ (${links[0]?.join(', ') || 'none'} against ${links[1]?.join(', ') || 'none'})`,
    );
  const images = [a.images.map((i) => i.url), b.images.map((i) => i.url)];
  if (images[0]?.join(' ') !== images[1]?.join(' '))
    throw where(
      a.line,
      `${label}: screenshots differ (${images[0]?.length ?? 0} against ${images[1]?.length ?? 0}, or other addresses)`,
    );
}
