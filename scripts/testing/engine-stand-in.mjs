// Stands in for the engine in electron/headless/launcher.test.ts: reports the signal it gets and
// exits with STAND_IN_EXIT_CODE (or, given STAND_IN_EXIT_NOW, exits at once with that code). It
// prints its pid only once its handlers are in place.
const code = Number(process.env.STAND_IN_EXIT_CODE ?? '0');
if (process.env.STAND_IN_EXIT_NOW) process.exit(code);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stdout.write(`engine got ${signal}\n`);
    setTimeout(() => process.exit(code), 20);
  });
}
setInterval(() => undefined, 1_000);
process.stdout.write(`engine pid ${process.pid}\n`);
