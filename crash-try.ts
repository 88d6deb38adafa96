import { runCrashTest } from '/work/main/electron/core/services/orders/testing/crash-run.ts';
const s = await runCrashTest({ kills: Number(process.argv[2] ?? 10), lanes: Number(process.argv[3] ?? 2), onProgress: (d, t) => process.stderr.write(`${d}/${t}\r`) });
console.log(JSON.stringify({ ...s, failures: s.failures.slice(0, 20) }, null, 1));
