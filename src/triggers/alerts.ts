// Daily alerts (manifest: scheduledTrigger runway-daily-alerts → alerts-fn, 900 s). As the app:
// a scheduled function has no user. Who may see what is asked of Jira per recipient before
// anything is sent (src/app/alerts).
import { runDailyAlerts } from '../app/alerts/run';
import { forgePorts } from '../app/forge';

/** The function's limit: manifest.yml gives alerts-fn `timeoutSeconds: 900`. */
export const ALERTS_TIMEOUT_MS = 900_000;
/** What the delivery and bookkeeping need after the reading stops. */
const DELIVERY_MARGIN_MS = 180_000;

export async function alertsTrigger(_event: unknown, _context: unknown): Promise<void> {
  const started = Date.now();
  const result = await runDailyAlerts(forgePorts('app', ALERTS_TIMEOUT_MS), {
    deadline: started + ALERTS_TIMEOUT_MS - DELIVERY_MARGIN_MS,
    log: (message) => console.warn(message),
  });
  const problems = [...result.failures, ...(result.incomplete ? [result.incomplete] : [])];
  console.log(
    `alerts ${result.asOf}: ${result.implementations} implementations, ${result.alerts} alerts, ${result.digests} digests (${result.delivered} alerts), ${result.withheld} withheld, ${result.deferred} deferred, ${result.requests} requests`,
  );
  for (const p of problems) console.error(`alerts: ${p}`);
}
