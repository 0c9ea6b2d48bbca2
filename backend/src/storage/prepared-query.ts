import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './executor';

/** Stands for the argument at `index` while a query is built; replaced by its value at each run. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query built and compiled by Kysely once, then run with new arguments each time. Building and
 * compiling cost more than running a small query on SQLite, and the hot paths (sending, polling)
 * run the same few statements thousands of times a second. Only for queries whose SQL does not
 * depend on the arguments (no IN lists of varying length, no optional clauses).
 */
export class PreparedQuery<Args extends unknown[], Row> {
  private compiled?: CompiledQuery<Row>;

  /** `build` receives stand-ins for the arguments, each to be used whole where a value goes. */
  constructor(private readonly build: (...args: Args) => Compilable<Row>) {}

  async execute(executor: Executor, ...args: Args): Promise<Row[]> {
    this.compiled ??= this.build(...(args.map((_value, index) => new Placeholder(index)) as Args)).compile();
    const parameters = this.compiled.parameters.map((value) => (value instanceof Placeholder ? args[value.index] : value));
    const result = await executor.executeQuery<Row>({ ...this.compiled, parameters });
    return result.rows;
  }
}
