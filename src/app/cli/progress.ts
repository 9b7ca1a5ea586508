/**
 * Progress on stderr: a live bar on a terminal (cli-progress), nothing otherwise, so that
 * piped output and logs stay clean.
 */
import cliProgress from 'cli-progress';

export interface Progress { tick(done: number, total?: number): void; clear(): void; done(): void }

export function progress(label: string, total = 0): Progress | null {
  if (!process.stderr.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      // without a known total there is no bar and no ETA, only the count and the rate
      format: (options, params, payload: { rate?: string }) => {
        if (!params.total) return `${label} ${params.value} articles · ${payload.rate ?? 0}/s`;
        const width = options.barsize ?? 30;
        const filled = Math.round(Math.min(1, params.progress) * width);
        const bar = (options.barCompleteString ?? '█').slice(0, filled) + (options.barIncompleteString ?? '░').slice(0, width - filled);
        const eta = params.eta > 0 && Number.isFinite(params.eta) ? `${Math.round(params.eta)}s` : '…';
        return `${label} ${bar} ${params.value}/${params.total} articles · ${payload.rate ?? 0}/s · ETA ${eta}`;
      },
      stream: process.stderr, hideCursor: true, clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = Date.now();
  let started = false;
  return {
    tick(done, t) {
      const rate = (done / Math.max(0.001, (Date.now() - start) / 1000)).toFixed(0);
      if (!started) { bar.start(t ?? total ?? 0, done, { rate }); started = true; }
      if (t) bar.setTotal(t);
      bar.update(done, { rate });
    },
    clear() { /* the bar redraws itself below the message */ },
    done() { if (started) bar.stop(); },
  };
}
