import { Postings } from './postings';

describe('postings', () => {
  const words = ['SMITH', 'JONES', 'SMITH', 'PATEL', 'JONES', 'SMITH'];
  const postings = Postings.build(words, (word) => [word, word[0]]);

  it('finds every record filed under a key when built, and no other', () => {
    expect(postings.get('SMITH').sort()).toEqual([0, 2, 5]);
    expect(postings.get('J').sort()).toEqual([1, 4]);
    expect(postings.get('BROWN')).toEqual([]);
  });

  it('finds records filed after the build beside those filed in it', () => {
    const grown = Postings.build(words, (word) => [word]);
    grown.add('PATEL', 6);
    grown.add('EVANS', 7);

    expect(grown.get('PATEL').sort()).toEqual([3, 6]);
    expect(grown.get('EVANS')).toEqual([7]);
  });

  it('files a record once under a key it gives twice', () => {
    const twice = Postings.build(['A'], () => ['X', 'X']);
    expect(twice.get('X')).toEqual([0]);
  });

  it('keeps keys apart when numbering room for millions shortens the hashes', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `K${i % 1000}`);
    const large = Postings.build(many, (key) => [key], 8_000_000);

    for (const probe of [0, 424, 999]) {
      expect(large.get(`K${probe}`).sort((a, b) => a - b)).toEqual([
        probe,
        probe + 1000,
        probe + 2000,
      ]);
    }
  });
});
