import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createTestDatabases } from '../test/support/databases';
import { Purpose, type RequestContext, Role } from './auth/roles';
import { type BundlePart, bundleLoaders, partOf, readBundle } from './bundle';

const PARTS: BundlePart[] = [
  {
    name: 'shelf',
    from: 'FROM shelf WHERE shelf.code IN :keys',
    owner: 'shelf.code',
    columns: { code: 'shelf.code', label: 'shelf.label' },
  },
  {
    name: 'book',
    from: 'FROM book WHERE book.shelf IN :keys',
    owner: 'book.shelf',
    columns: { id: 'book.id', title: 'book.title', lent: 'book.lent' },
    booleans: ['lent'],
  },
];

async function withTables(database: DataSource) {
  await database.initialize();
  await database.query('CREATE TABLE shelf (code varchar(8) PRIMARY KEY, label varchar(40))');
  await database.query(
    'CREATE TABLE book (id integer PRIMARY KEY, shelf varchar(8), title varchar(40), lent boolean)',
  );
  await database.query(
    "INSERT INTO shelf VALUES ('A', 'Crime'), ('B', 'O''Brien & \"friends\"'), ('C', NULL)",
  );
  await database.query(
    "INSERT INTO book VALUES (1, 'A', 'One', true), (2, 'A', 'Two', false), (3, 'B', 'Three', NULL)",
  );
  return database;
}

const engines: [string, () => Promise<{ database: DataSource; done: () => Promise<void> }>][] = [
  [
    'SQLite',
    async () => {
      const database = await withTables(
        new DataSource({ type: 'better-sqlite3', database: ':memory:' }),
      );
      return { database, done: () => database.destroy() };
    },
  ],
];
if (process.env.TEST_POSTGRES_URL) {
  engines.push([
    'PostgreSQL',
    async () => {
      const databases = await createTestDatabases(process.env.TEST_POSTGRES_URL as string);
      const database = await withTables(
        new DataSource({ type: 'postgres', url: databases.urls.dwp }),
      );
      return {
        database,
        done: async () => {
          await database.destroy();
          await databases.drop();
        },
      };
    },
  ]);
}

describe.each(engines)('a bundle of rows (%s)', (_engine, open) => {
  let database: DataSource;
  let done: () => Promise<void>;
  const statements: string[] = [];

  beforeAll(async () => {
    ({ database, done } = await open());
    const query = database.query.bind(database);
    database.query = ((sql: string, parameters?: unknown[]) => {
      statements.push(sql);
      return query(sql, parameters);
    }) as typeof database.query;
  });
  afterAll(() => done());

  it('reads every part for every key in one statement, as JSON rows with booleans', async () => {
    statements.length = 0;
    const bundles = await readBundle(database, PARTS, ['A', 'B', 'C', 'Z']);
    expect(statements).toHaveLength(1);
    expect(partOf(bundles.get('A')!, 'shelf')).toEqual([{ code: 'A', label: 'Crime' }]);
    expect(partOf<{ id: number }>(bundles.get('A')!, 'book').sort((a, b) => a.id - b.id)).toEqual([
      { id: 1, title: 'One', lent: true },
      { id: 2, title: 'Two', lent: false },
    ]);
    expect(partOf(bundles.get('B')!, 'shelf')).toEqual([
      { code: 'B', label: 'O\'Brien & "friends"' },
    ]);
    expect(partOf(bundles.get('B')!, 'book')).toEqual([{ id: 3, title: 'Three', lent: null }]);
    expect(partOf(bundles.get('C')!, 'book')).toEqual([]);
    expect([...bundles.get('Z')!.keys()]).toEqual([]);
  });

  it('binds keys as data, never as SQL', async () => {
    const bundles = await readBundle(database, PARTS, ["A') OR 1=1 --", 'A']);
    expect(partOf(bundles.get("A') OR 1=1 --")!, 'book')).toEqual([]);
    expect(partOf(bundles.get('A')!, 'book')).toHaveLength(2);
  });

  it('asks nothing for no keys', async () => {
    statements.length = 0;
    expect((await readBundle(database, PARTS, [])).size).toBe(0);
    expect(statements).toHaveLength(0);
  });
});

describe('bundles shared by one gateway request', () => {
  const request = (nonce?: string): RequestContext => ({
    caller: { subject: 's', role: Role.COORDINATOR, organisation: 'o', purposes: [] },
    purpose: Purpose.EMPLOYMENT_SUPPORT,
    requestId: 'r',
    nonce,
  });

  it('reads each key once per nonce, across calls', async () => {
    const asked: string[][] = [];
    const loaders = bundleLoaders(async (keys) => {
      asked.push([...keys]);
      return new Map(keys.map((key) => [key, new Map([['part', [{ key }]]])]));
    }, 100);
    await loaders(request('n1')).loadMany(['a', 'b']);
    await loaders(request('n1')).loadMany(['b', 'c']);
    await loaders(request('n2')).load('a');
    await loaders(request()).load('a');
    await loaders(request()).load('a');
    expect(asked).toEqual([['a', 'b'], ['c'], ['a'], ['a'], ['a']]);
  });
});
