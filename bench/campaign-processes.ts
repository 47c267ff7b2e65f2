import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Child processes of `npm run bench -- campaign`: the provider fakes and the dispatch worker,
 * each a Node process talking to the benchmark over IPC. A bench/ file runs through tsx's loader
 * (`node --import tsx`), or from a bundle made beforehand (bundleFile) without any loader.
 */
export type Child = {
  proc: ChildProcess;
  /** The next message of this type. */
  next<T>(type: string): Promise<T>;
  send(m: unknown): void;
  stop(): Promise<void>;
};

/**
 * A bench/ file and everything it imports (node_modules included) as one CommonJS file, the way a
 * deployment runs compiled code: no TypeScript loader in the process. esbuild comes with the dev
 * tooling (drizzle-kit, vite).
 */
export async function bundleFile(file: string): Promise<string> {
  const esbuild = await import("esbuild");
  const outfile = path.join(os.tmpdir(), `herald-bench-${path.basename(file, ".ts")}-${process.pid}.cjs`);
  await esbuild.build({
    entryPoints: [path.join(__dirname, file)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    logLevel: "error",
  });
  return outfile;
}

/** `file`: a bench/ file run through tsx, or an absolute path to a bundle. */
export function startChild(file: string, args: string[] = [], opts: { env?: Record<string, string>; nodeArgs?: string[] } = {}): Child {
  const bundled = path.isAbsolute(file);
  const proc = fork(bundled ? file : path.join(__dirname, file), args, {
    execArgv: [...(opts.nodeArgs ?? []), ...(bundled ? [] : ["--import", "tsx"])],
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<string, ((m: unknown) => void)[]>();
  const early = new Map<string, unknown[]>();
  proc.on("message", (m: { type?: string }) => {
    const type = m?.type ?? "";
    const w = waiting.get(type)?.shift();
    if (w) w(m);
    else early.set(type, [...(early.get(type) ?? []), m]);
  });
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    proc.once("exit", (code) => {
      exited = true;
      for (const list of waiting.values()) for (const w of list) w(Object.assign(new Error(`${file} exited (${code})`), { exited: true }));
      resolve();
    }),
  );
  return {
    proc,
    next<T>(type: string) {
      const queued = early.get(type)?.shift();
      if (queued) return Promise.resolve(queued as T);
      if (exited) return Promise.reject(new Error(`${file} has exited`));
      return new Promise<T>((resolve, reject) =>
        waiting.set(type, [...(waiting.get(type) ?? []), (m) => ((m as { exited?: boolean }).exited ? reject(m) : resolve(m as T))]),
      );
    },
    send: (m) => proc.send(m as never),
    async stop() {
      if (exited) return;
      proc.send({ type: "stop" } as never);
      const t = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    },
  };
}

/** Resident memory of another process, from /proc (Linux): now and its kernel-kept peak. */
export function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** Samples a child's RSS every 100 ms; `stop` returns the sampled peak and the kernel's (VmHWM). */
export function childRssSampler(pid: number) {
  let peak = 0;
  let hwm = 0;
  const sample = () => {
    const m = procMemory(pid);
    if (m) {
      peak = Math.max(peak, m.rss);
      hwm = Math.max(hwm, m.hwm);
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { peak, hwm };
    },
  };
}

/** CPU time (user + system) a process has used, in ms; null once it is gone. */
export function procCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** 1-minute load average and the machine's cores, for the notes. */
export const loadNote = () => {
  const [one] = fs.readFileSync("/proc/loadavg", "utf8").split(" ");
  return `load ${one}`;
};
