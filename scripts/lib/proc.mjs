// Child processes of `npm start` / `npm test`: spawned with prefixed, coloured logs and
// stopped together (SIGTERM, then SIGKILL) on exit or Ctrl-C.
import { spawn, spawnSync } from "node:child_process";

const children = new Set();
const COLOURS = [36, 35, 33, 32, 34, 31];
let colourIndex = 0;
let isStopping = false;
const cleanups = [];

export function log(message) {
  process.stdout.write(`\x1b[1m[setup]\x1b[0m ${message}\n`);
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${output}`);
  }
  return result.stdout ?? "";
}

/** Runs a command with inherited output; resolves with its exit code. */
export function runInherited(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Starts a long-running child whose output is prefixed with its name. */
export function startService(name, command, args, { env, cwd } = {}) {
  const colour = COLOURS[colourIndex++ % COLOURS.length];
  const prefix = `\x1b[${colour}m${name.padEnd(8)}|\x1b[0m `;
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so stopAll() also reaches its children
  });
  children.add(child);
  const pipe = (stream, out) => {
    let pending = "";
    stream.on("data", (chunk) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!isStopping) process.stderr.write(`${prefix}exited (${code ?? signal})\n`);
  });
  return child;
}

export function onStop(cleanup) {
  cleanups.push(cleanup);
}

export async function stopAll() {
  if (isStopping) return;
  isStopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
  }
  const deadline = Date.now() + 8000;
  while (children.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const child of children) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup failed: ${error.message}\n`);
    }
  }
}

export function stopOnSignals() {
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
      log(`${signal}: stopping everything started here…`);
      await stopAll();
      process.exit(130);
    });
  }
}

export async function waitForPort(port, host = "127.0.0.1", timeoutMs = 30000) {
  const { createConnection } = await import("node:net");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const isOpen = await new Promise((resolve) => {
      const socket = createConnection({ port, host });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (isOpen) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
}

export async function isPortOpen(port, host = "127.0.0.1") {
  try {
    await waitForPort(port, host, 300);
    return true;
  } catch {
    return false;
  }
}
