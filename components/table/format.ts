/** `https://github.com/org/repo.git` and `git@github.com:org/repo.git` → `github.com/org/repo`. */
export function shortRepo(url: string): string {
  return url
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
}
