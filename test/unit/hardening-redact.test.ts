import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl, secretsIn } from '../../src/db/url.js';

describe('passwords never printed, whatever the URL form (issue 14 item 8)', () => {
  it.each([
    ['postgres://lapor:s3cret@127.0.0.1:1/lapor', 'postgres://lapor:***@127.0.0.1:1/lapor'],
    ['lapor:s3cret@127.0.0.1/lapor', 'lapor:***@127.0.0.1/lapor'],
    ['postgres://lapor@h/db?password=s3cret&x=1', 'postgres://lapor@h/db?password=***&x=1'],
    ['postgres://h/db?sslpassword=s3cret', 'postgres://h/db?sslpassword=***'],
    ['postgres://lapor:p@ss@h/db', 'postgres://lapor:***@h/db'],
    ['host=h user=u password=s3cret dbname=x', 'host=h user=u password=*** dbname=x'],
    ["--db: 'lapor:s3cret@h/db' is not valid", "--db: 'lapor:***@h/db' is not valid"],
  ])('%s', (raw, shown) => {
    expect(redactUrl(raw)).toBe(shown);
  });

  it('leaves password-free text alone', () => {
    for (const s of ['postgres://lapor@h:5432/db', 'pglite:/var/lib/lapor', 'memory:', 'mysql://root@localhost/x', 'wrote /tmp/a.csv']) {
      expect(redactUrl(s)).toBe(s);
    }
  });

  it('masks the literal (and URL-decoded) secret of --db wherever it appears', () => {
    const db = 'postgres://lapor:s3%23cret@h/db';
    expect(secretsIn(db)).toEqual(['s3%23cret', 's3#cret']);
    expect(secretsIn('postgres://u:ab@h/db')).toEqual([]); // too short to mask as a word
    expect(redactSecrets('server said: password s3#cret rejected', [db, undefined])).toBe('server said: password *** rejected');
  });
});
