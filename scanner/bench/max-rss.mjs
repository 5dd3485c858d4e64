// Preloaded into the CLI by the bench (node --import): writes the process's peak RSS (KiB) and CPU time (µs) to the
// file named by SWITCHBOARD_BENCH_RSS when it exits, since a parent process cannot read a child's usage portably.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
    const file = process.env.SWITCHBOARD_BENCH_RSS;
    const usage = process.resourceUsage();
    if (file)
        writeFileSync(file, JSON.stringify({ maxRss: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
});
