import {
  boardFilter,
  buildExpression,
  experimentFilter,
  IBuilderState,
  leaderboardExpression,
  newGroup,
  newRow,
  rowToFilter,
  searchRequest
} from '../search';

describe('search expressions', () => {
  it('is null while no row is complete', () => {
    expect(
      buildExpression({ operator: 'And', rows: [newRow()], groups: [newGroup('Or', [newRow()])] })
    ).toBeNull();
  });

  it('joins top-level rows with AND or OR', () => {
    const rows = [
      newRow('Parameters.depth', 'Equals', '3'),
      newRow('Parameters.depth', 'Equals', ' 5 ')
    ];
    expect(buildExpression({ operator: 'Or', rows, groups: [] })).toEqual({
      Operator: 'Or',
      Filters: [
        { Name: 'Parameters.depth', Operator: 'Equals', Value: '3' },
        { Name: 'Parameters.depth', Operator: 'Equals', Value: '5' }
      ]
    });
    expect(buildExpression({ operator: 'And', rows, groups: [] })?.Operator).toBe('And');
  });

  it('nests groups one level as SubExpressions with their own operator', () => {
    const state: IBuilderState = {
      operator: 'And',
      rows: [newRow('Metrics.loss.Last', 'LessThan', '0.5')],
      groups: [
        newGroup('Or', [
          newRow('Parameters.lr', 'Equals', '0.1'),
          newRow('Parameters.lr', 'Equals', '0.01')
        ]),
        newGroup('And', [newRow('', 'Equals', 'ignored')])
      ]
    };
    expect(buildExpression(state)).toEqual({
      Operator: 'And',
      Filters: [{ Name: 'Metrics.loss.Last', Operator: 'LessThan', Value: '0.5' }],
      SubExpressions: [
        {
          Operator: 'Or',
          Filters: [
            { Name: 'Parameters.lr', Operator: 'Equals', Value: '0.1' },
            { Name: 'Parameters.lr', Operator: 'Equals', Value: '0.01' }
          ]
        }
      ]
    });
  });

  it('drops the value of Exists / NotExists and tidies In lists', () => {
    expect(rowToFilter(newRow('Tags.team', 'Exists', 'x'))).toEqual({
      Name: 'Tags.team',
      Operator: 'Exists'
    });
    expect(rowToFilter(newRow('Parameters.depth', 'In', ' 3, 5,,7 '))).toEqual({
      Name: 'Parameters.depth',
      Operator: 'In',
      Value: '3,5,7'
    });
    expect(rowToFilter(newRow('  ', 'Equals', '1'))).toBeNull();
  });

  it('always keeps the experiment filter and puts the user expression below it', () => {
    expect(leaderboardExpression('exp-1', null)).toEqual({
      Operator: 'And',
      Filters: [{ Name: 'Parents.ExperimentName', Operator: 'Equals', Value: 'exp-1' }]
    });
    const user = {
      Operator: 'Or' as const,
      Filters: [{ Name: 'DisplayName', Operator: 'Contains' as const, Value: 'a' }]
    };
    expect(leaderboardExpression('exp-1', user)).toEqual({
      Operator: 'And',
      Filters: [experimentFilter('exp-1')],
      SubExpressions: [user]
    });
  });

  it('makes a SearchRequest with SageMaker field names', () => {
    const body = searchRequest({
      experimentName: 'e',
      user: null,
      sortBy: 'Metrics.loss.Last',
      sortOrder: 'Ascending',
      maxResults: 50000,
      nextToken: '200'
    });
    expect(body).toEqual({
      Resource: 'ExperimentTrialComponent',
      SearchExpression: leaderboardExpression('e', null),
      SortBy: 'Metrics.loss.Last',
      SortOrder: 'Ascending',
      MaxResults: 10000,
      NextToken: '200'
    });
    const plain = searchRequest({ experimentName: 'e', user: null });
    expect(plain).not.toHaveProperty('SortBy');
    expect(plain).not.toHaveProperty('NextToken');
  });
});

describe('boards', () => {
  it('keeps the components of no trial on the unassigned board', () => {
    expect(boardFilter({ kind: 'unassigned' })).toEqual({
      Name: 'Parents.TrialName',
      Operator: 'NotExists'
    });
    expect(boardFilter({ kind: 'experiment', name: 'e' })).toEqual(experimentFilter('e'));
    const user = { Filters: [rowToFilter(newRow('Parameters.lr', 'Equals', '1'))!] };
    expect(leaderboardExpression({ kind: 'unassigned' }, user)).toEqual({
      Operator: 'And',
      Filters: [{ Name: 'Parents.TrialName', Operator: 'NotExists' }],
      SubExpressions: [user]
    });
  });
});
