import { Writable } from 'node:stream';
import { createLogger, prettyLine, prettyStream } from '../src/logger';

/** Collects what a logger writes, pretending to be (or not) a terminal. */
function sink(isTTY: boolean) {
  const lines: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
    { isTTY },
  );
  return { stream, lines };
}

describe('logger', () => {
  it('prints a readable line with the level name, the message and the fields', () => {
    const json = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 10, 30, 1, 2, 3),
      msg: 'baocao-bot ready — mở http://127.0.0.1:3000',
      store: 'embedded',
      channels: ['web'],
    });
    const line = prettyLine(json, false);
    expect(line).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}baocao-bot ready — mở http:\/\/127\.0\.0\.1:3000 {2}store=embedded channels=\["web"\]\n$/,
    );
  });

  it("prints an error's stack under its line", () => {
    const json = JSON.stringify({
      level: 50,
      time: 0,
      msg: 'reminder pass failed',
      err: { message: 'boom', stack: 'Error: boom\n    at x' },
    });
    expect(prettyLine(json, false)).toContain('ERROR reminder pass failed\nError: boom\n    at x\n');
  });

  it('writes through the pretty stream to a terminal, JSON elsewhere', () => {
    const terminal = sink(true);
    createLogger('info', prettyStream(terminal.stream)).info({ sent: 2 }, 'reminder pass');
    expect(terminal.lines.join('')).toMatch(/INFO .*reminder pass/);
    expect(terminal.lines.join('')).not.toContain('{"level"');

    const pipe = sink(false);
    createLogger('info', pipe.stream).info({ sent: 2 }, 'reminder pass');
    expect(JSON.parse(pipe.lines.join(''))).toMatchObject({ level: 30, msg: 'reminder pass', sent: 2 });
  });
});
