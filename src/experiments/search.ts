/**
 * The search-expression builder's state and the SageMaker `SearchExpression` it makes.
 * Pure functions: the builder UI and the model both use them.
 */
import type { SearchRequest } from '../core/generated/models';

export const OPERATORS = [
  'Equals',
  'NotEquals',
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'LessThan',
  'LessThanOrEqualTo',
  'Contains',
  'Exists',
  'NotExists',
  'In'
] as const;
export type FilterOperator = (typeof OPERATORS)[number];
export type BooleanOperator = 'And' | 'Or';

/** Operators that take no value. */
export const VALUELESS: ReadonlyArray<FilterOperator> = ['Exists', 'NotExists'];

/** A filter as the API takes it (SageMaker field names). */
export interface IFilter {
  Name: string;
  Operator: FilterOperator;
  Value?: string;
}

/** A search expression as the API takes it (plain arrays; the generated type uses tuples). */
export interface IExpression {
  Filters?: IFilter[];
  SubExpressions?: IExpression[];
  Operator?: BooleanOperator;
}

/** One builder row: property, operator, value. */
export interface IFilterRow {
  id: number;
  property: string;
  operator: FilterOperator;
  value: string;
}

/** A nested group (one level): its rows joined by its own operator. */
export interface IFilterGroup {
  id: number;
  operator: BooleanOperator;
  rows: IFilterRow[];
}

/** The whole builder: top-level rows and groups joined by `operator`. */
export interface IBuilderState {
  operator: BooleanOperator;
  rows: IFilterRow[];
  groups: IFilterGroup[];
}

let nextId = 1;
export function newRow(property = '', operator: FilterOperator = 'Equals', value = ''): IFilterRow {
  return { id: nextId++, property, operator, value };
}
export function newGroup(
  operator: BooleanOperator = 'Or',
  rows: IFilterRow[] = [newRow()]
): IFilterGroup {
  return { id: nextId++, operator, rows };
}
export const EMPTY_BUILDER: IBuilderState = { operator: 'And', rows: [], groups: [] };

/** A row as an API filter, or null while its property is empty. */
export function rowToFilter(row: IFilterRow): IFilter | null {
  const name = row.property.trim();
  if (!name) {
    return null;
  }
  if (VALUELESS.includes(row.operator)) {
    return { Name: name, Operator: row.operator };
  }
  const value =
    row.operator === 'In'
      ? row.value
          .split(',')
          .map(v => v.trim())
          .filter(v => v)
          .join(',')
      : row.value.trim();
  return { Name: name, Operator: row.operator, Value: value };
}

function filtersOf(rows: IFilterRow[]): IFilter[] {
  return rows.map(rowToFilter).filter((f): f is IFilter => f !== null);
}

/** The user's expression, or null when the builder holds no complete row. */
export function buildExpression(state: IBuilderState): IExpression | null {
  const filters = filtersOf(state.rows);
  const subs: IExpression[] = [];
  for (const group of state.groups) {
    const groupFilters = filtersOf(group.rows);
    if (groupFilters.length) {
      subs.push({ Filters: groupFilters, Operator: group.operator });
    }
  }
  if (!filters.length && !subs.length) {
    return null;
  }
  const expression: IExpression = { Operator: state.operator };
  if (filters.length) {
    expression.Filters = filters;
  }
  if (subs.length) {
    expression.SubExpressions = subs;
  }
  return expression;
}

/**
 * What a leaderboard shows: an experiment's trial components, or the ones in no trial
 * (SageMaker's "Unassigned trial components": jobs started without an experiment).
 */
export type Board = { kind: 'experiment'; name: string } | { kind: 'unassigned' };

/** The filter that keeps one experiment's components. */
export function experimentFilter(experimentName: string): IFilter {
  return { Name: 'Parents.ExperimentName', Operator: 'Equals', Value: experimentName };
}

/** The filter that keeps a board's components. */
export function boardFilter(board: Board): IFilter {
  return board.kind === 'experiment'
    ? experimentFilter(board.name)
    : { Name: 'Parents.TrialName', Operator: 'NotExists' };
}

/**
 * The leaderboard's expression: the board's filter AND the user's expression (as a
 * SubExpression, so its own And/Or applies only inside it).
 */
export function leaderboardExpression(
  board: Board | string,
  user: IExpression | null
): IExpression {
  const filter = typeof board === 'string' ? experimentFilter(board) : boardFilter(board);
  const expression: IExpression = { Filters: [filter], Operator: 'And' };
  if (user) {
    expression.SubExpressions = [user];
  }
  return expression;
}

/** A `POST search` body. */
export function searchRequest(options: {
  /** The board (an experiment's name stands for its board). */
  experimentName: Board | string;
  user: IExpression | null;
  sortBy?: string | null;
  sortOrder?: 'Ascending' | 'Descending';
  maxResults?: number;
  nextToken?: string | null;
}): SearchRequest {
  const body: Record<string, unknown> = {
    Resource: 'ExperimentTrialComponent',
    SearchExpression: leaderboardExpression(options.experimentName, options.user),
    SortOrder: options.sortOrder ?? 'Descending',
    MaxResults: Math.max(1, Math.min(options.maxResults ?? 100, 10000))
  };
  if (options.sortBy) {
    body.SortBy = options.sortBy;
  }
  if (options.nextToken) {
    body.NextToken = options.nextToken;
  }
  return body as unknown as SearchRequest;
}

/** Properties the builder suggests besides the leaderboard's columns. */
export const BUILTIN_PROPERTIES = [
  'DisplayName',
  'TrialComponentName',
  'Status.PrimaryStatus',
  'CreationTime',
  'LastModifiedTime',
  'StartTime',
  'EndTime',
  'Source.SourceArn',
  'Source.SourceType',
  'Parents.TrialName'
];
