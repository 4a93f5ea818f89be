import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import {
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from 'graphql';
import { WeightedLru } from '../lib/weighted-lru';

/**
 * Several queries the query planner sends one subgraph at once, for one request, as one query:
 * each part's variables and fragments renamed and its top-level fields aliased, so that they
 * cannot meet, and the answer split back into one answer per part. The planner fetches a
 * person's prisoner and probation case from moj side by side; merged, that is one signed call,
 * one token check and one audit append at moj rather than two.
 */
export interface MergedQuery {
  query: string;
  operationName: string | undefined;
  /** The parts' variables, each renamed as its part's are in `query`. */
  variables(parts: (Record<string, unknown> | undefined)[]): Record<string, unknown>;
  /** The merged query's answer as each part's own. */
  split(answer: GatewayGraphQLResponse): GatewayGraphQLResponse[];
}

/** Merged queries by their parts' text; planners repeat the same few. Null: not mergeable. */
const merged = new WeightedLru<MergedQuery | null>(2000);

/** `queries` (two or more) as one query, or undefined when any is not a plain query. */
export function mergeQueries(queries: string[]): MergedQuery | undefined {
  const key = queries.join('\u0000');
  let found = merged.get(key);
  if (found === undefined) {
    found = build(queries) ?? null;
    merged.set(key, found, 1);
  }
  return found ?? undefined;
}

interface Part {
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  /** The part's top-level response keys, by their aliases in the merged query. */
  keys: Map<string, string>;
}

function build(queries: string[]): MergedQuery | undefined {
  const parts: Part[] = [];
  for (const [index, query] of queries.entries()) {
    const part = renamed(parseOrUndefined(query), index);
    if (!part) return undefined;
    parts.push(part);
  }
  const operation: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: parts[0].operation.operation,
    name: parts[0].operation.name && {
      kind: Kind.NAME,
      value: `${parts[0].operation.name.value}__merged`,
    },
    variableDefinitions: parts.flatMap((part) => part.operation.variableDefinitions ?? []),
    directives: [],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: parts.flatMap((part) => part.operation.selectionSet.selections),
    },
  };
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...parts.flatMap((part) => part.fragments)],
  };
  return {
    query: print(document),
    operationName: operation.name?.value,
    variables: (values) =>
      Object.fromEntries(
        values.flatMap((own, index) =>
          Object.entries(own ?? {}).map(([name, value]) => [suffixed(name, index), value]),
        ),
      ),
    split: (answer) => parts.map((part) => partAnswer(answer, part)),
  };
}

function parseOrUndefined(query: string): DocumentNode | undefined {
  try {
    return parse(query, { noLocation: true });
  } catch {
    return undefined;
  }
}

const suffixed = (name: string, index: number) => `${name}__${index}`;
const aliased = (key: string, index: number) => `_${index}_${key}`;

/** Part `index` with names no other part has; undefined unless one query of plain fields. */
function renamed(document: DocumentNode | undefined, index: number): Part | undefined {
  if (!document) return undefined;
  const operations = document.definitions.filter(isOperation);
  const fragments = document.definitions.filter(isFragment);
  if (
    operations.length !== 1 ||
    operations.length + fragments.length !== document.definitions.length
  )
    return undefined;
  const [source] = operations;
  if (source.operation !== 'query' || source.directives?.length) return undefined;
  if (!source.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD))
    return undefined;
  const rename = <T extends { name: { value: string } }>(node: T): T => ({
    ...node,
    name: { ...node.name, value: suffixed(node.name.value, index) },
  });
  const separate = visit(document, {
    Variable: rename,
    FragmentSpread: rename,
    FragmentDefinition: rename,
  });
  const operation = separate.definitions.find(isOperation) as OperationDefinitionNode;
  const keys = new Map<string, string>();
  const selections = (operation.selectionSet.selections as FieldNode[]).map((field) => {
    const key = field.alias?.value ?? field.name.value;
    keys.set(aliased(key, index), key);
    return { ...field, alias: { kind: Kind.NAME, value: aliased(key, index) } } as FieldNode;
  });
  return {
    operation: { ...operation, selectionSet: { ...operation.selectionSet, selections } },
    fragments: separate.definitions.filter(isFragment),
    keys,
  };
}

const isOperation = (node: DefinitionNode): node is OperationDefinitionNode =>
  node.kind === Kind.OPERATION_DEFINITION;
const isFragment = (node: DefinitionNode): node is FragmentDefinitionNode =>
  node.kind === Kind.FRAGMENT_DEFINITION;

/**
 * One part's answer: its own fields under their own keys, the errors on its fields with their
 * paths as it asked, and every error that names no field of any part (such as a refusal).
 */
function partAnswer(answer: GatewayGraphQLResponse, part: Part): GatewayGraphQLResponse {
  const data =
    answer.data == null
      ? answer.data
      : Object.fromEntries([...part.keys].map(([alias, key]) => [key, answer.data?.[alias]]));
  const errors = (answer.errors ?? []).flatMap((error) => {
    const [first, ...rest] = error.path ?? [];
    if (typeof first !== 'string' || !/^_\d+_/.test(first)) return [error];
    const key = part.keys.get(first);
    return key === undefined ? [] : [{ ...error, path: [key, ...rest] }];
  });
  const own: GatewayGraphQLResponse = { ...answer, data };
  if (errors.length) own.errors = errors;
  else delete own.errors;
  return own;
}
