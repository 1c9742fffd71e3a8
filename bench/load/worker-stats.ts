import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU and event-loop lag of this load worker since the last reset: how we tell the load side saturated. */
export class LoadSelfMonitor {
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  private cpuAt = process.cpuUsage();
  private wallAt = performance.now();

  constructor() {
    this.loop.enable();
  }

  reset(): void {
    this.loop.reset();
    this.cpuAt = process.cpuUsage();
    this.wallAt = performance.now();
  }

  read(): LoadSelf {
    const cpu = process.cpuUsage(this.cpuAt);
    return {
      cpuSec: (cpu.user + cpu.system) / 1e6,
      wallSec: (performance.now() - this.wallAt) / 1000,
      loopDelayP99Ms: this.loop.percentile(99) / 1e6,
      loopDelayMaxMs: this.loop.max / 1e6,
    };
  }
}

export interface LoadSelf {
  readonly cpuSec: number;
  readonly wallSec: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
}
