// The bench's local site in its own process, so the alerts function's memory is measured alone:
// every request is answered as the app (what `asApp().requestJira` is on Forge). Bench only.
// Usage: node dist/bench/alerts-site.js <issues>  → prints {"url": …, "issues": …} and serves.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSiteHandler } from '../src/local/site/handler';
import { issuesArgument, portfolioOfAtLeast } from './portfolio';

const issues = issuesArgument();
if (issues === null) {
  process.stderr.write('usage: alerts-site <issues>\n');
  process.exit(2);
}
const portfolio = portfolioOfAtLeast(issues);
const site = createSiteHandler(portfolio.state);
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    void site
      .handle({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: body === '' ? null : body,
        accountId: 'app',
      })
      .then((answer) => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      });
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${port}`, issues: portfolio.stats.issues })}\n`,
  );
});
