import type { BlockContent, Heading, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString as textOf } from 'mdast-util-to-string';
import { GuideError } from './guide-error.js';

/** A guide as the importer understands it: stages of steps, each with what the guide attaches to it. */
export interface GuideOutline {
  file: string;
  stages: GuideStage[];
}

export interface GuideStage {
  title: string;
  line: number;
  steps: GuideStep[];
}

export interface GuideStep {
  /** The step's text without its "Step 1." / "第一步：" marker, whitespace collapsed. */
  text: string;
  line: number;
  links: { url: string; text: string }[];
  images: { url: string; line: number }[];
  /** `>?` (a tip) and `>!` (a warning) notes met in the step, or before it since the last step. */
  notes: { text: string; line: number }[];
}

/** "Step 3." "Step 4:" at the start of a line; "第三步：" likewise. */
const STEP_EN = /^\s*Step\s+\d+\s*[.:：]\s*/i;
const STEP_ZH = /^\s*第[一二三四五六七八九十\d]+步\s*[：:.，,]?\s*/;
const isStepStart = (line: string) => STEP_EN.test(line) || STEP_ZH.test(line);
const stripMarker = (line: string) => line.replace(STEP_EN, '').replace(STEP_ZH, '');
/** "1. Account Registration", "2.企业实名认证": the stage's own number goes. */
const stripNumber = (title: string) => title.replace(/^\s*\d+\s*[.、]\s*/, '').trim();
/** `<img src="…">` in an HTML node (the guides' other way of showing a screenshot). */
const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/gi;

/** Reads one guide's Markdown into stages and steps; refuses what it cannot place, with file and line. */
export function parseGuide(markdown: string, file: string): GuideOutline {
  const walker = new GuideWalker(file);
  for (const node of (fromMarkdown(markdown) as Root).children) walker.block(node);
  return walker.finish();
}

class GuideWalker {
  readonly stages: GuideStage[] = [];
  #step: GuideStep | undefined;
  #pendingNotes: GuideStep['notes'] = [];

  constructor(readonly file: string) {}

  block(node: RootContent | BlockContent): void {
    if (node.type === 'heading') this.#heading(node);
    else if (node.type === 'paragraph') this.#inline(node.children, lineOf(node));
    else if (node.type === 'list') this.#list(node);
    else if (node.type === 'blockquote') this.#note(node);
    else if (node.type === 'html') this.#html(node.value, lineOf(node));
  }

  finish(): GuideOutline {
    const steps = this.stages.flatMap((s) => s.steps);
    if (steps.length === 0)
      throw new GuideError(this.file, 1, 'no steps found ("Step 1." paragraphs or a numbered list)');
    for (const stage of this.stages)
      if (stage.steps.length === 0)
        throw new GuideError(this.file, stage.line, `stage "${stage.title}" has no steps`);
    return { file: this.file, stages: this.stages };
  }

  #heading(node: Heading): void {
    if (node.depth === 1) return;
    this.stages.push({ title: stripNumber(textOf(node)), line: lineOf(node), steps: [] });
    this.#step = undefined;
  }

  /** A numbered list is a list of steps; other lists are part of the step they are in. */
  #list(node: Extract<RootContent, { type: 'list' }>): void {
    if (!node.ordered) {
      this.#addText(textOf(node));
      return;
    }
    for (const item of node.children) {
      this.#startStep(lineOf(item), '');
      for (const child of item.children) this.block(child);
    }
  }

  #note(node: Extract<RootContent, { type: 'blockquote' }>): void {
    const text = collapse(textOf(node).replace(/^\s*[?!]\s*/, ''));
    if (!text) return;
    const note = { text, line: lineOf(node) };
    if (this.#step) this.#step.notes.push(note);
    else this.#pendingNotes.push(note);
  }

  #html(html: string, line: number): void {
    for (const [, src] of html.matchAll(IMG_SRC)) this.#image(src as string, line);
  }

  #image(url: string, line: number): void {
    if (!this.#step) throw new GuideError(this.file, line, `image ${url} is outside any step`);
    this.#step.images.push({ url, line });
  }

  /** A paragraph's pieces in order: a line that starts with a step marker starts a new step. */
  #inline(children: PhrasingContent[], line: number): void {
    for (const child of children) {
      const at = child.position?.start.line ?? line;
      if (child.type === 'image') this.#image(child.url, at);
      else if (child.type === 'html') this.#html(child.value, at);
      else if (child.type === 'text') this.#text(child.value, at);
      else {
        if (child.type === 'link') this.#link(child.url, textOf(child), at);
        this.#addText(textOf(child as Nodes));
      }
    }
  }

  #text(value: string, line: number): void {
    value.split('\n').forEach((piece, i) => {
      if (isStepStart(piece)) this.#startStep(line + i, stripMarker(piece));
      else this.#addText(i > 0 ? ` ${piece}` : piece);
    });
  }

  #link(url: string, text: string, line: number): void {
    if (!this.#step) throw new GuideError(this.file, line, `link ${url} is outside any step`);
    this.#step.links.push({ url, text: collapse(text) });
  }

  #addText(text: string): void {
    // Words before a stage's first step (an introduction) are no step's: a person writes the flow's own.
    if (!text.trim() || !this.#step) return;
    this.#step.text = this.#step.text ? `${this.#step.text}${text}` : text;
  }

  #startStep(line: number, text: string): void {
    if (this.stages.length === 0) this.stages.push({ title: '', line, steps: [] });
    const step: GuideStep = { text, line, links: [], images: [], notes: this.#pendingNotes };
    this.#pendingNotes = [];
    this.stages.at(-1)?.steps.push(step);
    this.#step = step;
  }
}

const lineOf = (node: Nodes) => node.position?.start.line ?? 1;
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The step's text ready for people: whitespace collapsed. */
export const stepText = (step: GuideStep): string => collapse(step.text);
