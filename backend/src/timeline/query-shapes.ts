import type { Compilable } from 'kysely';
import { PreparedQuery } from '../storage/prepared-query';

/** Shapes follow what users have (how many rooms, conversations): bounded so that odd ones cannot pile up. */
const SHAPES_MAX = 200;

/**
 * Prepared queries whose SQL depends only on the shape of the arguments (how many conversations,
 * rooms of each kind), each built and compiled the first time its shape is asked for.
 */
export class QueryShapes<Row> {
  private readonly queries = new Map<string, PreparedQuery<unknown[], Row>>();

  for(shape: string, build: (args: unknown[]) => Compilable<Row>): PreparedQuery<unknown[], Row> {
    let query = this.queries.get(shape);
    if (!query) {
      query = new PreparedQuery<unknown[], Row>((...args: unknown[]) => build(args));
      if (this.queries.size >= SHAPES_MAX) this.queries.clear();
      this.queries.set(shape, query);
    }
    return query;
  }
}
