import { describe, expect, it } from 'vitest';
import {
  SelectorParseError,
  escapeFieldSelectorValue,
  formatRequirements,
  labelSelectorToRequirements,
  matchesFieldSelector,
  matchesLabelSelector,
  matchesSelector,
  parseFieldSelector,
  parseSelector,
  validateLabelSelector,
  type Requirement,
} from './label-selector';

function parseError(text: string): SelectorParseError {
  try {
    parseSelector(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SelectorParseError);
    return error as SelectorParseError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('parseSelector', () => {
  it('treats empty and blank selectors as everything', () => {
    expect(parseSelector('')).toEqual([]);
    expect(parseSelector('  \t')).toEqual([]);
  });

  it('parses equality forms into In / NotIn', () => {
    expect(parseSelector('env=prod')).toEqual([{ key: 'env', operator: 'In', values: ['prod'] }]);
    expect(parseSelector('env==prod')).toEqual([{ key: 'env', operator: 'In', values: ['prod'] }]);
    expect(parseSelector('env!=prod')).toEqual([{ key: 'env', operator: 'NotIn', values: ['prod'] }]);
  });

  it('parses set-based requirements with sorted, de-duplicated values', () => {
    expect(parseSelector('env in (prod, dev,prod)')).toEqual([{ key: 'env', operator: 'In', values: ['dev', 'prod'] }]);
    expect(parseSelector('tier notin (cache)')).toEqual([{ key: 'tier', operator: 'NotIn', values: ['cache'] }]);
  });

  it('parses existence checks', () => {
    expect(parseSelector('managed')).toEqual([{ key: 'managed', operator: 'Exists', values: [] }]);
    expect(parseSelector('!legacy')).toEqual([{ key: 'legacy', operator: 'DoesNotExist', values: [] }]);
    expect(parseSelector('! legacy')).toEqual([{ key: 'legacy', operator: 'DoesNotExist', values: [] }]);
  });

  it('parses Gt and Lt', () => {
    expect(parseSelector('replicas>2,priority<10')).toEqual([
      { key: 'priority', operator: 'Lt', values: ['10'] },
      { key: 'replicas', operator: 'Gt', values: ['2'] },
    ]);
  });

  it('tolerates whitespace and sorts requirements by key, keeping same-key order', () => {
    expect(parseSelector(' tier = web ,\n env in ( dev , prod ) , !legacy, env != qa ')).toEqual([
      { key: 'env', operator: 'In', values: ['dev', 'prod'] },
      { key: 'env', operator: 'NotIn', values: ['qa'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
      { key: 'tier', operator: 'In', values: ['web'] },
    ]);
  });

  it('accepts prefixed keys and empty values', () => {
    expect(parseSelector('app.kubernetes.io/name=fleet-agent,fleet.cattle.io/shard-id=')).toEqual([
      { key: 'app.kubernetes.io/name', operator: 'In', values: ['fleet-agent'] },
      { key: 'fleet.cattle.io/shard-id', operator: 'In', values: [''] },
    ]);
  });

  it('follows kube for empty slots inside parentheses', () => {
    expect(parseSelector('a in ()')).toEqual([{ key: 'a', operator: 'In', values: [''] }]);
    expect(parseSelector('a in (,x)')[0]?.values).toEqual(['', 'x']);
    expect(parseSelector('a in (x,)')[0]?.values).toEqual(['', 'x']);
    expect(parseSelector('a notin (x,,y)')[0]?.values).toEqual(['', 'x', 'y']);
  });

  it('lets the words in and notin be keys or values', () => {
    expect(parseSelector('in=notin')).toEqual([{ key: 'in', operator: 'In', values: ['notin'] }]);
    expect(parseSelector('notin in (in)')).toEqual([{ key: 'notin', operator: 'In', values: ['in'] }]);
  });

  describe('errors', () => {
    it.each([
      ['a=(', "unable to parse requirement: found '(', expected: identifier"],
      ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['a in x', "unable to parse requirement: found 'x' expected: '('"],
      ['a in (x,y', "unable to parse requirement: found '', expected: ',' or ')'"],
      ['a in (x y)', "unable to parse requirement: found 'y', expected: ',' or ')'"],
      ['a in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
      ['a in (x,=)', "unable to parse requirement: found '=', expected: ',', or identifier"],
      ['a=b c', "found 'c', expected: ',' or 'end of string'"],
      ['!a=b', "found '=', expected: ',' or 'end of string'"],
      ['a,', "found '', expected: identifier after ','"],
      ['a,,b', "found ',', expected: identifier after ','"],
      ['=b', "found '=', expected: !, identifier, or 'end of string'"],
      ['(a)', "found '(', expected: !, identifier, or 'end of string'"],
      ['!', "unable to parse requirement: found '', expected: identifier"],
      ['a===b', "unable to parse requirement: found '=', expected: identifier"],
    ])('rejects %j', (text, message) => {
      expect(parseError(text).message).toBe(message);
    });

    it('validates keys with the qualified-name rules', () => {
      const error = parseError('env_=prod');
      expect(error.message).toMatch(/^unable to parse requirement: key: Invalid value: "env_": name part must consist of/);
      expect(parseError(`${'k'.repeat(64)}=v`).message).toContain('name part must be no more than 63 characters');
      expect(parseError('Example.com/x=y').message).toContain('prefix part a lowercase RFC 1123 subdomain');
    });

    it('validates values with the label-value rules, naming the value slot', () => {
      expect(parseError('env=prod!x').message).toBe("found '!', expected: ',' or 'end of string'");
      expect(parseError('env=pro_').message).toMatch(
        /^unable to parse requirement: values\[0\]\[env\]: Invalid value: "pro_": a valid label must be an empty string/,
      );
      expect(parseError(`env in (ok, ${'v'.repeat(64)})`).message).toContain(
        'values[1][env]: Invalid value: "vvvv',
      );
    });

    it('requires integers for Gt and Lt', () => {
      expect(parseError('a>abc').message).toBe(
        "unable to parse requirement: values[0]: Invalid value: \"abc\": for 'Gt', 'Lt' operators, the value must be an integer",
      );
      expect(parseError('a<').message).toContain("for 'Gt', 'Lt' operators, the value must be an integer");
    });

    it('reports where the problem is', () => {
      expect(parseError('env=prod, tier in (web').position).toBe('env=prod, tier in (web'.length);
      expect(parseError('env=prod, tier=web_').position).toBe(10);
      expect(parseError('a=(').position).toBe(2);
    });
  });
});

describe('formatRequirements', () => {
  it('produces the canonical form', () => {
    const requirements: Requirement[] = [
      { key: 'env', operator: 'In', values: ['prod', 'dev'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
      { key: 'tier', operator: 'In', values: ['web'] },
    ];
    expect(formatRequirements(requirements)).toBe('env in (dev,prod),!legacy,tier=web');
    expect(
      formatRequirements([
        { key: 'a', operator: 'NotIn', values: ['x'] },
        { key: 'b', operator: 'NotIn', values: ['y', 'x'] },
        { key: 'c', operator: 'Exists', values: [] },
        { key: 'd', operator: 'Gt', values: ['5'] },
        { key: 'e', operator: 'Lt', values: ['7'] },
        { key: 'f', operator: 'In', values: [''] },
      ]),
    ).toBe('a!=x,b notin (x,y),c,d>5,e<7,f=');
    expect(formatRequirements([])).toBe('');
  });

  it.each([
    'env in (dev,prod),!legacy,tier=web',
    'a!=x,b notin (x,y),c,d>5,e<7,f=',
    'app.kubernetes.io/name=fleet,env notin (,qa)',
    'a in (,x)',
    ' z = 1 , y in (b , a), !x, w ',
  ])('round-trips %j', (text) => {
    const parsed = parseSelector(text);
    expect(parseSelector(formatRequirements(parsed))).toEqual(parsed);
    expect(formatRequirements(parseSelector(formatRequirements(parsed)))).toBe(formatRequirements(parsed));
  });
});

describe('matchesSelector', () => {
  const labels = { env: 'prod', tier: 'web', replicas: '3', 'app.kubernetes.io/name': 'fleet' };
  const matches = (selector: string, target: Record<string, string> | undefined = labels) =>
    matchesSelector(parseSelector(selector), target);

  it('matches equality and set requirements', () => {
    expect(matches('env=prod')).toBe(true);
    expect(matches('env=dev')).toBe(false);
    expect(matches('env in (dev,prod)')).toBe(true);
    expect(matches('env in (dev,qa)')).toBe(false);
    expect(matches('app.kubernetes.io/name==fleet,tier=web')).toBe(true);
    expect(matches('env=prod,tier=db')).toBe(false);
  });

  it('lets != and notin match objects that lack the key', () => {
    expect(matches('region!=eu')).toBe(true);
    expect(matches('region notin (eu)')).toBe(true);
    expect(matches('env!=prod')).toBe(false);
    expect(matches('env notin (dev)')).toBe(true);
    expect(matches('region=eu')).toBe(false);
    expect(matches('region in (eu)')).toBe(false);
    expect(matches('region!=eu', undefined)).toBe(true);
  });

  it('distinguishes a missing key from an empty value', () => {
    expect(matches('region=', {})).toBe(false);
    expect(matches('region=', { region: '' })).toBe(true);
    expect(matches('region', { region: '' })).toBe(true);
  });

  it('matches existence checks', () => {
    expect(matches('tier')).toBe(true);
    expect(matches('!tier')).toBe(false);
    expect(matches('!legacy')).toBe(true);
    expect(matches('legacy')).toBe(false);
  });

  it('compares Gt and Lt numerically and never matches non-integers', () => {
    expect(matches('replicas>2')).toBe(true);
    expect(matches('replicas>3')).toBe(false);
    expect(matches('replicas<10')).toBe(true);
    expect(matches('env>1')).toBe(false);
    expect(matches('missing<10')).toBe(false);
    expect(matches('big>9007199254740992', { big: '9007199254740993' })).toBe(true);
  });

  it('matches everything with no requirements', () => {
    expect(matchesSelector([], undefined)).toBe(true);
    expect(matchesSelector([], {})).toBe(true);
  });

  it('does not treat inherited properties as labels', () => {
    expect(matches('constructor', {})).toBe(false);
    expect(matches('toString!=x', {})).toBe(true);
  });
});

describe('labelSelectorToRequirements', () => {
  it('combines matchLabels and matchExpressions, sorted by key', () => {
    expect(
      labelSelectorToRequirements({
        matchLabels: { tier: 'web', env: 'prod' },
        matchExpressions: [
          { key: 'region', operator: 'NotIn', values: ['us', 'eu', 'us'] },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toEqual([
      { key: 'env', operator: 'In', values: ['prod'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
      { key: 'region', operator: 'NotIn', values: ['eu', 'us'] },
      { key: 'tier', operator: 'In', values: ['web'] },
    ]);
  });

  it('rejects unknown operators', () => {
    expect(() => labelSelectorToRequirements({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toThrow(
      new SelectorParseError('"Gt" is not a valid label selector operator'),
    );
  });

  it('returns nothing for an empty selector', () => {
    expect(labelSelectorToRequirements({})).toEqual([]);
  });
});

describe('matchesLabelSelector', () => {
  const labels = { env: 'prod', region: 'eu' };

  it('applies the nil policy only to a missing selector', () => {
    expect(matchesLabelSelector(undefined, labels, { nilMatches: 'nothing' })).toBe(false);
    expect(matchesLabelSelector(null, labels, { nilMatches: 'nothing' })).toBe(false);
    expect(matchesLabelSelector(null, labels, { nilMatches: 'everything' })).toBe(true);
    expect(matchesLabelSelector({}, labels, { nilMatches: 'nothing' })).toBe(true);
    expect(matchesLabelSelector({ matchLabels: {}, matchExpressions: [] }, undefined, { nilMatches: 'nothing' })).toBe(true);
  });

  it('matches structured selectors', () => {
    const policy = { nilMatches: 'nothing' } as const;
    expect(matchesLabelSelector({ matchLabels: { env: 'prod' } }, labels, policy)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { env: 'dev' } }, labels, policy)).toBe(false);
    expect(
      matchesLabelSelector(
        { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'region', operator: 'In', values: ['us', 'eu'] }] },
        labels,
        policy,
      ),
    ).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu'] }] }, labels, policy)).toBe(
      false,
    );
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }, labels, policy)).toBe(true);
  });

  it('matches nothing when the selector cannot be converted', () => {
    expect(
      matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'Maybe' }] }, labels, { nilMatches: 'everything' }),
    ).toBe(false);
  });
});

describe('validateLabelSelector', () => {
  const path = 'spec.targets[0].clusterSelector';

  it('accepts valid and absent selectors', () => {
    expect(validateLabelSelector(undefined, path)).toEqual([]);
    expect(validateLabelSelector(null, path)).toEqual([]);
    expect(
      validateLabelSelector(
        {
          matchLabels: { env: 'prod' },
          matchExpressions: [
            { key: 'region', operator: 'In', values: ['eu'] },
            { key: 'legacy', operator: 'DoesNotExist' },
            { key: 'gpu', operator: 'Exists', values: [] },
          ],
        },
        path,
      ),
    ).toEqual([]);
  });

  it('requires values for In and NotIn', () => {
    expect(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: [] }] }, path)).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.targets[0].clusterSelector.matchExpressions[0].values',
        message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
      },
    ]);
  });

  it('forbids values for Exists and DoesNotExist', () => {
    expect(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, path)).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec.targets[0].clusterSelector.matchExpressions[0].values',
        message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      },
    ]);
  });

  it('reports unknown operators as not supported', () => {
    expect(
      validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }, { key: 'b', operator: 'Gt', values: ['1'] }] }, path),
    ).toEqual([
      {
        type: 'FieldValueNotSupported',
        field: 'spec.targets[0].clusterSelector.matchExpressions[1].operator',
        message: 'Unsupported value: "Gt": supported values: "In", "NotIn", "Exists", "DoesNotExist"',
      },
    ]);
    expect(validateLabelSelector({ matchExpressions: [{ key: 'a' }] }, path)[0]).toMatchObject({
      type: 'FieldValueRequired',
      field: `${path}.matchExpressions[0].operator`,
    });
  });

  it('validates keys, values and matchLabels', () => {
    const errors = validateLabelSelector(
      {
        matchLabels: { 'bad key': 'x', env: 'pro d' },
        matchExpressions: [{ key: 'region_', operator: 'In', values: ['eu', 'u s', 3] }],
      },
      path,
    );
    expect(errors.map((error) => [error.type, error.field])).toEqual([
      ['FieldValueInvalid', `${path}.matchLabels`],
      ['FieldValueInvalid', `${path}.matchLabels[env]`],
      ['FieldValueInvalid', `${path}.matchExpressions[0].key`],
      ['FieldValueInvalid', `${path}.matchExpressions[0].values[1]`],
      ['FieldValueTypeInvalid', `${path}.matchExpressions[0].values[2]`],
    ]);
    expect(validateLabelSelector({ matchExpressions: [{ operator: 'Exists' }] }, path)).toEqual([
      { type: 'FieldValueRequired', field: `${path}.matchExpressions[0].key`, message: 'Required value' },
    ]);
  });

  it('reports wrong JSON types', () => {
    expect(validateLabelSelector('env=prod', path)[0]).toMatchObject({ type: 'FieldValueTypeInvalid', field: path });
    expect(validateLabelSelector({ matchExpressions: {} }, path)[0]).toMatchObject({
      type: 'FieldValueTypeInvalid',
      field: `${path}.matchExpressions`,
    });
    expect(validateLabelSelector({ matchExpressions: ['x'] }, path)[0]).toMatchObject({
      field: `${path}.matchExpressions[0]`,
    });
    expect(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: 'x' }] }, path)).toEqual([
      expect.objectContaining({ type: 'FieldValueTypeInvalid', field: `${path}.matchExpressions[0].values` }),
      expect.objectContaining({ type: 'FieldValueRequired', field: `${path}.matchExpressions[0].values` }),
    ]);
  });
});

describe('parseFieldSelector', () => {
  it('parses the three operators', () => {
    expect(parseFieldSelector('metadata.name=x,metadata.name==y,metadata.namespace!=z')).toEqual([
      { field: 'metadata.name', operator: '=', value: 'x' },
      { field: 'metadata.name', operator: '=', value: 'y' },
      { field: 'metadata.namespace', operator: '!=', value: 'z' },
    ]);
  });

  it('allows empty selectors, empty terms and empty values', () => {
    expect(parseFieldSelector('')).toEqual([]);
    expect(parseFieldSelector('metadata.name=a,,')).toEqual([{ field: 'metadata.name', operator: '=', value: 'a' }]);
    expect(parseFieldSelector('spec.nodeName=')).toEqual([{ field: 'spec.nodeName', operator: '=', value: '' }]);
  });

  it('unescapes values', () => {
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d')).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a,b=c\\d' },
    ]);
    const value = 'x=y,z\\';
    expect(parseFieldSelector(`metadata.name=${escapeFieldSelectorValue(value)}`)[0]?.value).toBe(value);
  });

  it('rejects malformed terms', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(SelectorParseError);
    expect(() => parseFieldSelector('metadata.name')).toThrow("can't understand 'metadata.name'");
    expect(() => parseFieldSelector('=x')).toThrow('missing field name');
    expect(() => parseFieldSelector('metadata.name=a=b')).toThrow('invalid field selector: unescaped character in value');
    expect(() => parseFieldSelector('metadata.name=a\\x')).toThrow('invalid field selector: invalid escape sequence: \\x');
    expect(() => parseFieldSelector('metadata.name=a\\')).toThrow('invalid escape sequence');
  });
});

describe('matchesFieldSelector', () => {
  const fields: Record<string, string> = { 'metadata.name': 'web', 'metadata.namespace': 'fleet-default' };
  const lookup = (field: string) => fields[field];

  it('applies every term', () => {
    expect(matchesFieldSelector(parseFieldSelector('metadata.name=web'), lookup)).toBe(true);
    expect(matchesFieldSelector(parseFieldSelector('metadata.name=web,metadata.namespace!=fleet-default'), lookup)).toBe(false);
    expect(matchesFieldSelector(parseFieldSelector('metadata.namespace!=fleet-local'), lookup)).toBe(true);
    expect(matchesFieldSelector(parseFieldSelector('spec.nodeName='), lookup)).toBe(true);
    expect(matchesFieldSelector([], lookup)).toBe(true);
  });
});
