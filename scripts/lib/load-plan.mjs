// The pure half of `npm run load`: which deliveries are sent in which burst, and what the fake GitHub's
// record says afterwards (latency percentiles, stuck check runs, duplicate inline comments, summaries).
// No I/O here; scripts/lib/load-run.mjs drives the processes.

const FINDING_MARKER = /<!-- pr-reviewer:finding:([A-Za-z0-9_.:-]+) -->/g;
const SUMMARY_MARKER = '<!-- pr-reviewer:summary -->';

/** A seeded pseudo-random generator (mulberry32): the same plan on every run. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `list` shuffled (Fisher–Yates) with `random`; a copy. */
export function shuffled(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * How `deliveries` split over `prs` pull requests: one `opened` each, then of the rest 30 % superseding
 * pushes, 30 % duplicates (same delivery id, same burst), 25 % redeliveries (same id, later), 15 %
 * `reopened` on the current head (a new id: a second review of a head already reviewed or queued).
 */
export function deliveryMix(deliveries, prs) {
  const rest = deliveries - prs;
  if (!Number.isInteger(rest) || rest < 0 || prs < 1) throw new RangeError(`need at least one delivery per PR (deliveries=${deliveries}, prs=${prs})`);
  const supersede = Math.round(rest * 0.3);
  const duplicate = Math.round(rest * 0.3);
  const redeliver = Math.round(rest * 0.25);
  return { opened: prs, supersede, duplicate, redeliver, reopen: rest - supersede - duplicate - redeliver };
}

/** Head versions per PR: 1, plus the superseding pushes dealt round-robin over the first 60 % of PRs. */
export function versionsPerPr(prs, pushes) {
  const versions = Array.from({ length: prs }, () => 1);
  const pushed = Math.max(1, Math.ceil(prs * 0.6));
  for (let k = 0; k < pushes; k += 1) versions[k % pushed] += 1;
  return versions;
}

/** Splits `list` into chunks of at most `size`. */
export function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The deliveries in phases, each a list of bursts sent concurrently: (1) every PR opened, with
 * duplicates; (2…) each further head version of a PR pushed while the older one is still queued, with
 * duplicates; (last) redeliveries of earlier ids and `reopened` on the final heads. An event is
 * `{ pr, version, action, id, kind }`; a duplicate or redelivery is the same event sent again.
 */
export function planDeliveries({ deliveries, prs, burst = 25, seed = 42 }) {
  const random = seededRandom(seed);
  const mix = deliveryMix(deliveries, prs);
  const versions = versionsPerPr(prs, mix.supersede);
  const opened = versions.map((_, pr) => ({ pr, version: 1, action: 'opened', id: `load-open-${pr}`, kind: 'opened' }));
  const pushPhases = [];
  for (let version = 2; version <= Math.max(...versions); version += 1) {
    pushPhases.push(versions.flatMap((count, pr) => (count >= version ? [{ pr, version, action: 'synchronize', id: `load-push-${pr}-${version}`, kind: 'supersede' }] : [])));
  }
  const pushes = pushPhases.flat();
  const dupOnOpened = pushes.length === 0 ? mix.duplicate : Math.ceil(mix.duplicate / 2);
  const dupOf = (events, count) => Array.from({ length: count }, (_, k) => ({ ...events[k % events.length], kind: 'duplicate' }));
  const firstPhase = [...opened, ...dupOf(shuffled(opened, random), dupOnOpened)];
  const pushDups = dupOf(shuffled(pushes, random), mix.duplicate - dupOnOpened);
  const phases = [shuffled(firstPhase, random)];
  for (const phase of pushPhases) {
    const own = new Set(phase.map((e) => e.id));
    phases.push(shuffled([...phase, ...pushDups.filter((d) => own.has(d.id))], random));
  }
  const earlier = shuffled([...opened, ...pushes], random);
  const redeliveries = Array.from({ length: mix.redeliver }, (_, k) => ({ ...earlier[k % earlier.length], kind: 'redelivery' }));
  const reopened = Array.from({ length: mix.reopen }, (_, k) => {
    const pr = Math.floor(random() * prs);
    return { pr, version: versions[pr], action: 'reopened', id: `load-reopen-${k}`, kind: 'reopen' };
  });
  phases.push(shuffled([...redeliveries, ...reopened], random));
  return { mix, versions, phases: phases.map((events) => chunks(events, burst)) };
}

/** The `p`-th percentile (0–100) of `values` by nearest rank; 0 for none. */
export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Root inline comments (not replies) per PR key → how many markers repeat one already seen. */
export function duplicateInlineComments(reviewComments) {
  const seen = new Map();
  let duplicates = 0;
  const byPr = {};
  for (const comment of reviewComments) {
    if (comment.in_reply_to_id !== undefined) continue;
    for (const [, fingerprint] of String(comment.body ?? '').matchAll(FINDING_MARKER)) {
      const key = `${comment.key}\u0000${fingerprint}`;
      if (seen.has(key)) {
        duplicates += 1;
        byPr[comment.key] = (byPr[comment.key] ?? 0) + 1;
      } else seen.set(key, comment.id);
    }
  }
  return { duplicates, byPr };
}

/** Summary comments (found by their marker) per PR key, for each of `prKeys`. */
export function summariesPerPr(issueComments, prKeys) {
  const counts = Object.fromEntries(prKeys.map((key) => [key, 0]));
  for (const comment of issueComments) {
    if (String(comment.body ?? '').includes(SUMMARY_MARKER) && comment.key in counts) counts[comment.key] += 1;
  }
  const values = Object.values(counts);
  return { counts, min: Math.min(...values), max: Math.max(...values) };
}

/** Check runs by outcome: reviews (success/failure), superseded, other neutral, still not completed. */
export function checkRunOutcomes(checkRuns) {
  const out = { created: checkRuns.length, reviews: 0, superseded: 0, neutral: 0, stuck: 0 };
  for (const run of checkRuns) {
    if (run.status !== 'completed') out.stuck += 1;
    else if (run.conclusion === 'success' || run.conclusion === 'failure') out.reviews += 1;
    else if (/superseded/i.test(`${run.output?.title ?? ''} ${run.output?.summary ?? ''}`)) out.superseded += 1;
    else out.neutral += 1;
  }
  return out;
}

/** Final heads (`{ key, headSha }`) without a completed success/failure check run. */
export function unreviewedHeads(checkRuns, finalHeads) {
  return finalHeads.filter(
    ({ headSha }) => !checkRuns.some((r) => r.head_sha === headSha && r.status === 'completed' && (r.conclusion === 'success' || r.conclusion === 'failure')),
  );
}

/** The invariants a load run must hold; each failure is one line. */
export function invariantFailures(result) {
  const failures = [];
  if (result.stuck !== 0) failures.push(`${result.stuck} check run(s) left in_progress`);
  if (result.duplicates !== 0) failures.push(`${result.duplicates} duplicate inline comment(s)`);
  if (result.summaries.min !== 1 || result.summaries.max !== 1) failures.push(`summary comments per PR between ${result.summaries.min} and ${result.summaries.max}, not exactly 1`);
  if (result.unreviewed.length > 0) failures.push(`${result.unreviewed.length} final head(s) never reviewed: ${result.unreviewed.map((h) => h.key).join(', ')}`);
  if (result.badAcks > 0) failures.push(`${result.badAcks} delivery(ies) not answered 2xx`);
  if (result.rejected > 0) failures.push(`${result.rejected} write(s) the fake GitHub refused (as GitHub would)`);
  if (!result.drained) failures.push('the queue did not drain within the time limit');
  return failures;
}

/** The machine-readable last line. */
export function machineLine(result) {
  const summaries = result.summaries.min === result.summaries.max ? String(result.summaries.min) : `${result.summaries.min}..${result.summaries.max}`;
  return `load: deliveries=${result.deliveries} reviews=${result.reviews} stuck=${result.stuck} duplicates=${result.duplicates} summaries_per_pr=${summaries} p99_ack_ms=${Math.round(result.p99AckMs)} peak_rss_mb=${result.peakRssMb}`;
}
