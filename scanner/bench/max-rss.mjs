// Preloaded into the CLI by the bench (node --import): writes the process's peak RSS, in KiB, to the file named by
// SWITCHBOARD_BENCH_RSS when it exits, since a parent process cannot read a child's peak memory portably.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
    const file = process.env.SWITCHBOARD_BENCH_RSS;
    if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
