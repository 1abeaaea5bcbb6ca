/**
 * A small prompter over @inquirer/prompts (STYLE §7.11): commands ask through this interface, so
 * tests can drive it with keystrokes (an inquirer prompter on fake streams) or replace it.
 * Prompts are only shown when `ctx.canPrompt()`; a cancelled prompt (Ctrl-C) becomes a
 * UsageError that says nothing was written. @inquirer/prompts is loaded on the first prompt, not at
 * start-up: most runs (cron, scripts) never prompt, and none should pay for loading it (bench/README.md).
 */
import { UsageError } from '../errors.js';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export type Validate = (value: string) => true | string;

export interface Prompter {
  /** A line of text; `validate` returning a string shows it and asks again. */
  input(q: { message: string; default?: string; required?: boolean; validate?: Validate }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  /** Pick from a long list by typing part of it. */
  search<T>(q: { message: string; source: (term: string | undefined) => Choice<T>[] | Promise<Choice<T>[]> }): Promise<T>;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

function isCancel(err: unknown): boolean {
  const name = (err as { name?: string } | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'CancelPromptError';
}

async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (isCancel(err)) throw new UsageError('cancelled; nothing was written');
    throw err;
  }
}

export function inquirerPrompter(streams: PromptStreams = {}): Prompter {
  const context = { input: streams.input, output: streams.output };
  const inquirer = () => import('@inquirer/prompts');
  return {
    input: async (q) => guard((await inquirer()).input({ message: q.message, default: q.default, required: q.required, validate: q.validate }, context)),
    confirm: async (q) => guard((await inquirer()).confirm({ message: q.message, default: q.default }, context)),
    select: async <T>(q: { message: string; choices: Choice<T>[]; default?: T }) =>
      guard((await inquirer()).select<T>({ message: q.message, choices: q.choices, default: q.default, pageSize: 12 }, context)),
    search: async <T>(q: { message: string; source: (term: string | undefined) => Choice<T>[] | Promise<Choice<T>[]> }) =>
      guard((await inquirer()).search<T>({ message: q.message, source: async (term) => q.source(term), pageSize: 10 }, context)),
  };
}
