/**
 * The one mapping from a status as Kubernetes writes it (a pod's phase, a container's
 * reason, a condition, a node's state, an event's type) to the tone its badge is drawn in.
 * Every page that shows a status draws it with `StatusBadge`, which asks this.
 */

/**
 * - `good`: working as meant (Running, Ready, Bound)
 * - `done`: finished well (Succeeded, Completed)
 * - `pending`: on its way (Pending, ContainerCreating, Terminating)
 * - `warn`: needs a look (a Warning event, a cordoned node, some replicas not ready)
 * - `bad`: failing (Failed, CrashLoopBackOff, OOMKilled, NotReady)
 * - `info`: nothing to act on (a Normal event)
 * - `neutral`: not known (Unknown, or a word this mapping does not know)
 */
export type StatusTone = 'good' | 'done' | 'pending' | 'warn' | 'bad' | 'info' | 'neutral';

const TONES: Record<string, StatusTone> = {
  // Pod phases.
  running: 'good',
  pending: 'pending',
  succeeded: 'done',
  failed: 'bad',
  unknown: 'neutral',
  // Container states and reasons, as kubectl's STATUS column writes them.
  completed: 'done',
  containercreating: 'pending',
  podinitializing: 'pending',
  terminating: 'pending',
  crashloopbackoff: 'bad',
  imagepullbackoff: 'bad',
  errimagepull: 'bad',
  invalidimagename: 'bad',
  createcontainerconfigerror: 'bad',
  createcontainererror: 'bad',
  runcontainererror: 'bad',
  error: 'bad',
  oomkilled: 'bad',
  evicted: 'bad',
  containerstatusunknown: 'neutral',
  // Conditions and node states.
  ready: 'good',
  notready: 'bad',
  schedulingdisabled: 'warn',
  cordoned: 'warn',
  true: 'good',
  false: 'bad',
  // Other objects' phases (PVCs, PVs, namespaces, Jobs).
  bound: 'good',
  available: 'good',
  active: 'good',
  complete: 'done',
  released: 'neutral',
  lost: 'bad',
  // Events.
  warning: 'warn',
  normal: 'info',
};

/** How bad a tone is, to pick the worst of several ("Ready,SchedulingDisabled"). */
const SEVERITY: Record<StatusTone, number> = {
  info: 0,
  good: 1,
  done: 1,
  neutral: 2,
  pending: 3,
  warn: 4,
  bad: 5,
};

function toneOfWord(word: string): StatusTone | undefined {
  const key = word.trim().replace(/\s+/g, '').toLowerCase();
  if (key === '') return undefined;
  const known = TONES[key];
  if (known !== undefined) return known;
  // "Init:0/2" is a pod still running its init containers; "Init:Error" one that failed.
  if (key.startsWith('init:')) return toneOfWord(key.slice(5)) ?? 'pending';
  if (/^\d+\/\d+$/.test(key)) return 'pending';
  if (key.startsWith('not')) return 'bad';
  if (key.startsWith('signal:') || key.startsWith('exitcode:')) return 'bad';
  return undefined;
}

/**
 * The tone of a status text. Several states joined by commas ("Ready,SchedulingDisabled")
 * take the worst of them; a word not known here is `neutral`.
 */
export function statusTone(text: string): StatusTone {
  let worst: StatusTone | undefined;
  for (const part of text.split(',')) {
    const tone = toneOfWord(part);
    if (tone !== undefined && (worst === undefined || SEVERITY[tone] > SEVERITY[worst])) {
      worst = tone;
    }
  }
  return worst ?? 'neutral';
}

/** The worse of two tones. */
export function worseTone(a: StatusTone, b: StatusTone): StatusTone {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
