import { readFileSync } from 'node:fs';
import { app, type WebContents } from 'electron';
import { linuxSandboxEvidence, metricsSandboxEvidence, parseProcStatus, type SandboxEvidence } from './policy';

/**
 * Whether the window's renderer process is really sandboxed, read from the running process rather than from
 * the options that asked for it: on Linux its /proc status against main's (PID namespace, seccomp filters), on
 * macOS and Windows the `sandboxed` flag of app.getAppMetrics(). Called once the page is ready to show.
 */
export function rendererSandboxEvidence(contents: WebContents): SandboxEvidence {
  try {
    const pid = contents.getOSProcessId();
    if (!Number.isInteger(pid) || pid <= 0) return 'unknown';
    if (process.platform === 'linux') {
      const main = parseProcStatus(readFileSync('/proc/self/status', 'utf8'));
      const renderer = parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return linuxSandboxEvidence(main, renderer);
    }
    return metricsSandboxEvidence(app.getAppMetrics(), pid);
  } catch {
    return 'unknown';
  }
}
