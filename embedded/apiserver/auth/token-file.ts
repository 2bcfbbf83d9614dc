import { readFileSync } from 'node:fs';
import type { UserInfo } from './user';

/**
 * Parses kube-apiserver's static token file (`--token-auth-file`): CSV lines of
 * `token,user,uid,"group1,group2"`, the groups column optional. Blank lines and lines starting
 * with `#` are skipped. Any malformed line fails the whole file with its line number, so a typo
 * stops the server at start instead of locking a user out silently.
 */
export function parseTokenFile(text: string, fileName = 'token file'): Map<string, UserInfo> {
  const users = new Map<string, UserInfo>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const where = `${fileName} line ${index + 1}`;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = parseCsvLine(line, where);
    if (fields.length < 3) throw new Error(`${where}: expected token,user,uid[,"groups"], found ${fields.length} column${fields.length === 1 ? '' : 's'}`);
    if (fields.length > 4) throw new Error(`${where}: expected at most 4 columns (token,user,uid,"groups"), found ${fields.length}; quote the groups column`);
    const [token, username, uid, groupList] = fields as [string, string, string, string | undefined];
    if (token === '') throw new Error(`${where}: the token is empty`);
    if (/\s/.test(token)) throw new Error(`${where}: the token contains whitespace`);
    if (username === '') throw new Error(`${where}: the user name is empty`);
    if (users.has(token)) throw new Error(`${where}: the token is already used on an earlier line`);
    const groups = (groupList ?? '').split(',').map((g) => g.trim()).filter((g) => g !== '');
    users.set(token, { username, uid, groups });
  });
  return users;
}

export function loadTokenFile(file: string): Map<string, UserInfo> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the token file ${file}: ${(error as Error).message}`);
  }
  return parseTokenFile(text, file);
}

/** One CSV record on one line (RFC 4180 quoting, `""` for a quote; leading spaces trimmed like Go's TrimLeadingSpace). */
function parseCsvLine(line: string, where: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new Error(`${where}: a quoted field is not closed`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') throw new Error(`${where}: unexpected text after the closing quote at column ${i + 1}`);
    } else {
      const end = line.indexOf(',', i);
      field = end === -1 ? line.slice(i) : line.slice(i, end);
      if (field.includes('"')) throw new Error(`${where}: a quote inside an unquoted field at column ${i + field.indexOf('"') + 1}`);
      i = end === -1 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}
