/**
 * Start a Node script as a child process and wait for the line that says where it listens.
 * Its output is passed through only when it fails to start (or when `echo` is set).
 */
import { spawn } from 'node:child_process';

export function startChild(script, args, { env = process.env, ready, echo = false, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`${script} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${output.slice(-3000)}`));
    };
    const onData = (chunk) => {
      const text = chunk.toString();
      if (echo) process.stdout.write(text);
      output += text;
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          match,
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(undefined);
              child.once('exit', () => done(undefined));
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    });
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}) before it was ready`)));
  });
}
