import type { KubeObject } from '@/api/kube';
import { routeParents, routeRules } from '@/details/kinds/network';
import type { RouteFields, RouteRuleView } from '@/details/kinds/network';
import { CodeList, ConditionList, Field, Section, Table, TargetLink } from '@/details/kinds/parts';
import type { KindProps, Navigate } from '@/details/kinds/parts';

/** One rule: what it matches, its filters, and the backends it splits traffic between. */
function RuleCard({
  cluster,
  rule,
  navigate,
}: {
  cluster: string;
  rule: RouteRuleView;
  navigate: Navigate;
}) {
  return (
    <section className="container-card" aria-label={rule.title}>
      <h3>{rule.title}</h3>
      <dl className="fields">
        <CodeList label="Matches" items={rule.matches.map((parts) => parts.join(', '))} />
        {rule.filters.length > 0 && <Field label="Filters">{rule.filters.join(', ')}</Field>}
        {rule.timeouts !== undefined && <Field label="Timeouts">{rule.timeouts}</Field>}
      </dl>
      <Table
        empty="No backends: the rule forwards nothing (only its filters act)."
        caption="Backends"
        showCaption
        columns={['Backend', 'Port', 'Weight']}
        rows={rule.backends.map((b) => ({
          key: b.key,
          cells: [
            <TargetLink key="backend" cluster={cluster} target={b} navigate={navigate} />,
            b.port ?? '—',
            `${b.weight} (${b.share})`,
          ],
        }))}
      />
    </section>
  );
}

/** An HTTPRoute's parents (Gateways) and hostnames, then its rules. */
export function HttpRouteSections({ cluster, object, navigate }: KindProps) {
  const route = object as KubeObject & RouteFields;
  const parents = routeParents(route);
  const rules = routeRules(route);
  return (
    <>
      <Section id="route" title="Route">
        <dl className="fields">
          <CodeList
            label="Hostnames"
            items={route.spec?.hostnames ?? []}
            none="Any (those of the listeners)"
          />
        </dl>
        <Table
          empty="No parents: the route is attached to no Gateway."
          caption="Parents"
          showCaption
          columns={['Parent', 'Attaches to', 'Status']}
          rows={parents.map((p) => ({
            key: p.key,
            cells: [
              <TargetLink key="parent" cluster={cluster} target={p} navigate={navigate} />,
              p.section ?? <span className="muted">every listener</span>,
              <ConditionList
                key="status"
                conditions={p.conditions}
                none="Not reported (no controller has taken the route)"
              />,
            ],
          }))}
        />
      </Section>
      <Section id="rules" title="Rules">
        {rules.length === 0 ? (
          <p className="muted">No rules.</p>
        ) : (
          <div className="container-cards">
            {rules.map((rule) => (
              <RuleCard key={rule.key} cluster={cluster} rule={rule} navigate={navigate} />
            ))}
          </div>
        )}
      </Section>
    </>
  );
}
