/**
 * A progress bar on stderr with rows/s, only when stderr is a TTY and the run is not --quiet; otherwise a no-op,
 * so pipelines and logs never see control characters. The total is unknown while streaming, so the bar shows
 * a running count and rate rather than a percentage.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(rows: number): void;
  stop(): void;
}

const NOOP: Progress = { update() {}, stop() {} };

export function createProgress(label: string, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || !stream.isTTY) return NOOP;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `govscore: reading ${label} {value} rows  {rate} rows/s  {elapsed}s`,
      fps: 5,
      clearOnComplete: true,
      hideCursor: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { rate: '0', elapsed: '0.0' });
  return {
    update(rows: number) {
      const secs = (Date.now() - started) / 1000;
      bar.update(rows, { rate: secs > 0 ? Math.round(rows / secs).toLocaleString('en-US') : '0', elapsed: secs.toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}
