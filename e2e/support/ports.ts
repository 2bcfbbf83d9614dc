import { execFileSync } from 'node:child_process';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. Synchronous so that playwright.config.ts
 * can use it while it is being evaluated.
 */
export function freePortSync(): number {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const port = Number(out.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`could not pick a free port (got "${out}")`);
  return port;
}
