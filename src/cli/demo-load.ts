import 'reflect-metadata';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { holdsCases, loadDemo } from '../demo/load-demo';
import { fail, openCliApp, progressBar } from './cli-app';

/**
 * `npm run demo:load`: writes the 2014-2018 demo history (reproducing Stockholm's
 * 2018 FUT report) into the configured store, through the command handlers.
 * Stop the service first; it refuses a store that already holds events unless given --force.
 */
async function main(): Promise<void> {
  const app = await openCliApp();
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await holdsCases(store)) && !process.argv.includes('--force')) {
    await app.close();
    fail(
      'The event store already holds cases. Load the demo into an empty store (e.g. EVENT_STORE_URL=sqlite:./data/demo/events.db), or pass --force.',
    );
  }
  const bar = progressBar('Loading demo history');
  let started = false;
  const began = Date.now();
  const { cases, commands } = await loadDemo(app, (done, total) => {
    if (!started) {
      bar.start(total, 0);
      started = true;
    }
    bar.update(done);
  });
  bar.stop();
  process.stdout.write(
    `Loaded ${cases} cases (${commands} commands) in ${((Date.now() - began) / 1000).toFixed(1)} s.\n`,
  );
  await app.close();
}

main().catch(fail);
