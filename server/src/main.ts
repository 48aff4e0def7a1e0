// One process serving the API and the console: config -> database -> migrations and first-start
// data -> services -> app -> listen.
import { loadConfig } from './config.ts';
import { serve } from './startup.ts';

const config = loadConfig();
serve(config)
  .then(() => console.log(`Huoban Partner Center is running: http://localhost:${config.port}/  (API reference: /api-docs)`))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
