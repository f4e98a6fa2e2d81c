/**
 * `tsorch plan` as text (pure): one line per object with `+` create, `~` update, `-` remove,
 * `=` unchanged; the changed fields of each update; the tasks replaced; tasks that cannot be
 * placed; then warnings and errors with their key paths.
 *
 * @module
 */
import type { StackPlan } from '../../api/stacks/engine.js';

function value(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** Counts of the plan's changes, by action. */
export function planCounts(plan: StackPlan): { create: number; update: number; remove: number } {
  const all = [plan.services, plan.networks, plan.volumes, plan.secrets, plan.configs].flat() as {
    action: string;
  }[];
  return {
    create: all.filter((c) => c.action === 'create').length,
    update: all.filter((c) => c.action === 'update').length,
    remove: all.filter((c) => c.action === 'remove').length,
  };
}

/** Renders `plan` for a terminal or a log. */
export function renderPlan(plan: StackPlan): string {
  const lines: string[] = [];
  const { create, update, remove } = planCounts(plan);
  lines.push(
    `Stack "${plan.namespace}": ${create} to create, ${update} to update, ${remove} to remove`,
  );
  const symbol: Record<string, string> = {
    create: '+',
    update: '~',
    remove: '-',
    unchanged: '=',
    external: '=',
    orphan: '?',
  };
  const kinds = [
    ['network', plan.networks],
    ['volume', plan.volumes],
    ['secret', plan.secrets],
    ['config', plan.configs],
  ] as const;
  for (const [kind, changes] of kinds)
    for (const c of changes)
      lines.push(
        `  ${symbol[c.action] ?? ' '} ${kind} ${c.name}${c.action === 'external' ? ' (external)' : c.action === 'orphan' ? ' (orphan, kept)' : ''}`,
      );
  for (const s of plan.services) {
    const suffix = s.action === 'orphan' ? ' (orphan, kept: --remove-orphans removes it)' : '';
    lines.push(`  ${symbol[s.action] ?? ' '} service ${s.service} (${s.name})${suffix}`);
    if (s.action !== 'update') continue;
    for (const f of s.fields) lines.push(`      ${f.path}: ${value(f.from)} → ${value(f.to)}`);
    if (s.recreate) {
      const why = s.reason === undefined ? '' : ` (${s.reason})`;
      const n = s.replacedTasks.length;
      lines.push(`      tasks recreated${why}: ${n} running task${n === 1 ? '' : 's'} replaced`);
    } else lines.push('      tasks kept');
  }
  for (const u of plan.unplaced)
    lines.push(`  ! task ${u.taskId} of ${u.service} cannot be placed: ${u.reason}`);
  for (const i of plan.issues)
    lines.push(`${i.severity === 'error' ? 'Error' : 'Warning'}: ${i.path}: ${i.message}`);
  return `${lines.join('\n')}\n`;
}
