/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export type ArgSpec = {
  /** Options that take a value (`--out FILE` or `--out=FILE`); repeated ones collect every value. */
  values: readonly string[];
  /** Options without a value. */
  flags: readonly string[];
};

export type ParsedArgs = {
  values: Map<string, string[]>;
  flags: Set<string>;
};

/** Parses `--name value`, `--name=value` and `--flag`; refuses anything else with a clear message. */
export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const known = [...spec.values.map((v) => `${v} VALUE`), ...spec.flags].join(', ');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new CliUsageError(`unexpected argument "${arg}"; options: ${known}`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.flags.includes(name)) {
      if (eq > 0) throw new CliUsageError(`${name} takes no value`);
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new CliUsageError(`${name} needs a value, e.g. ${name}=VALUE`);
      }
      values.set(name, [...(values.get(name) ?? []), value]);
    } else {
      throw new CliUsageError(`unknown option ${name}; options: ${known}`);
    }
  }
  return { values, flags };
}

/** The single value of an option (the last one if given twice). */
export function single(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.at(-1);
}

/** Every value of a repeatable option, comma lists split: `--level error --level warn,info`. */
export function many(args: ParsedArgs, name: string): string[] {
  return (args.values.get(name) ?? []).flatMap((v) => v.split(',').map((s) => s.trim())).filter((s) => s !== '');
}
