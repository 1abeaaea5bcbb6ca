import { Command, Help, Option } from 'commander';
import type { Context } from './context.js';
import { packageVersion } from '../paths.js';
import { registrationsFor } from '../commands/index.js';
import { optionValue } from './argv.js';
import { examplesHelp } from './examples.js';
import { parseLang } from '../i18n/index.js';
import { HELP_HEADING_ID, helpExtrasId, helpSummary, optionHelp, ROOT_HELP_AFTER } from '../i18n/help.js';


/**
 * A fresh command tree per call, so every test gets its own (tj/commander.js#1565). Given the
 * command line, only the areas it needs are loaded (see commandGroups).
 */
export async function buildProgram(ctx: Context, argv?: readonly string[]): Promise<Command> {
  const program = new Command('lapor')
    .version(packageVersion(), '-V, --version')
    .option('--db <url>', 'database: postgres://user@host:5432/db[?schema=name], pglite:/dir or memory: (default: embedded PGlite)')
    .option('--as <username>', 'acting officer (default: $LAPOR_ACTOR)')
    .option('--no-color', 'disable colour')
    .option('--debug', 'show stack traces and SQL errors in full')
    .addOption(new Option('--lang <lang>', 'language of every label: id (Bahasa Indonesia) or en (default: $LAPOR_LANG, else id)').choices(['id', 'en']))
    .option('-q, --quiet', 'print nothing but errors on stderr (for cron)')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(ctx.redact(s)),
    })
    .exitOverride();
  program.hook('preAction', (_root, action) => {
    ctx.globals = program.opts();
    const words: string[] = [];
    for (let c: Command | null = action; c && c !== program; c = c.parent) words.unshift(c.name());
    ctx.commandName = words.join(' ') || 'lapor';
    // Commands read the language from their options: the global one (or LAPOR_LANG) fills them.
    action.setOptionValue('lang', ctx.lang);
  });
  for (const register of await registrationsFor(argv)) register(program, ctx);
  // Sub-commands inherit output routing and exitOverride, so usage errors come back to main().
  // Help language: --lang (anywhere on the line) or LAPOR_LANG, read before parsing.
  const helpLang = parseLang(optionValue(argv ?? [], '--lang')) ?? parseLang(ctx.env.LAPOR_LANG) ?? 'id';
  const pathOf = (c: Command) => {
    const words: string[] = [];
    for (let x: Command | null = c; x && x !== program; x = x.parent) words.unshift(x.name());
    return words.join(' ');
  };
  const inLanguage = (cmd: Command) => {
    for (const o of cmd.options) o.description = optionHelp(o.description, helpLang);
    for (const a of cmd.registeredArguments) a.description = optionHelp(a.description, helpLang);
    cmd.helpOption('-h, --help', optionHelp('display help for command', helpLang));
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', optionHelp('display help for command', helpLang));
    if (helpLang === 'id') {
      cmd.configureHelp({
        styleTitle: (title: string) => HELP_HEADING_ID[title] ?? title,
        optionDescription(this: Help, option) {
          return helpExtrasId(Help.prototype.optionDescription.call(this, option));
        },
        argumentDescription(this: Help, argument) {
          return helpExtrasId(Help.prototype.argumentDescription.call(this, argument));
        },
      });
    }
  };
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      inLanguage(sub);
      // Summaries in the run's language, from the one catalogue (src/i18n/help.ts).
      const summary = helpSummary(pathOf(sub), helpLang);
      if (summary) sub.description(summary);
      const ex = examplesHelp(pathOf(sub), helpLang);
      if (ex) sub.addHelpText('after', ex);
      sub.exitOverride().configureOutput({
        writeOut: (s) => ctx.io.stdout.write(s),
        writeErr: (s) => ctx.io.stderr.write(ctx.redact(s)),
      });
      sub.showSuggestionAfterError(true);
      inherit(sub);
    }
  };
  program.description(helpSummary('', helpLang) ?? '');
  program.addHelpText('after', `\n${ROOT_HELP_AFTER[helpLang]}`);
  inLanguage(program);
  inherit(program);
  return program;
}
