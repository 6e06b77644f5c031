// A progress bar on stderr for many files, only when a person is watching (stderr is a TTY).
import cliProgress from 'cli-progress';

export interface Progress {
  tick(file: string): void;
  /** Prints a message without breaking the bar. */
  interrupt(print: () => void): void;
  stop(): void;
}

const SILENT: Progress = { tick() {}, interrupt: (print) => print(), stop() {} };

export function progress(total: number): Progress {
  if (!process.stderr.isTTY || total <= 5) return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '读取 {bar} {value}/{total} {file}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { file: '' });
  return {
    tick: (file) => bar.increment(1, { file: file.length > 40 ? `…${file.slice(-39)}` : file }),
    interrupt(print) {
      process.stderr.write('\r\x1b[K');
      print();
    },
    stop: () => bar.stop(),
  };
}
