import { Layout } from '../layout';
import { COMPONENT_STATE_LABELS, type ComponentState } from './component-state';
import { HISTORY_DAYS, windowDays, type PublicComponent, type PublicIncident, type StatusPageData } from './status-page-data';

export interface StatusPageLinks {
  /** Where this page is (`/status` or `/status/acme`), for the refresh script and anchors. */
  readonly page: string;
  readonly json: string;
  readonly atom: string;
}

/** `2026-12-02 09:40 UTC`: one clock for every reader, the same as the updates posted in chat. */
const clock = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const Time = ({ at }: { at: Date }) => <time dateTime={at.toISOString()}>{clock(at)}</time>;

/** A state as words (never colour alone) with the colour class of its severity. */
const StateBadge = ({ state, label }: { state: ComponentState; label?: string }) => (
  <span class={`badge status-${state}`}>{label ?? COMPONENT_STATE_LABELS[state]}</span>
);

/**
 * The public status page of one tenant. Everything shown comes from StatusPageData, which holds only
 * public facts (see status-page-data.ts); Preact escapes every value, so a hostile update is text.
 */
export function StatusPage({ data, links }: { data: StatusPageData; links: StatusPageLinks }) {
  return (
    <Layout title={data.title} area="status" scripts={['status-refresh.js']}>
      <div id="status-root" data-refresh={links.page}>
        <h1>{data.title}</h1>
        {data.intro && <p class="status-intro">{data.intro}</p>}
        <p class={`status-overall status-${data.overall}`} role="status">{data.overallLabel}</p>

        <section aria-labelledby="components-heading">
          <h2 id="components-heading">Components</h2>
          {data.components.length === 0
            ? <p class="muted">No components are listed on this page.</p>
            : (
              <ul class="status-components">
                {data.components.map((c) => (
                  <li>
                    <span class="status-component-name">{c.name}</span>
                    {c.description && <span class="muted status-component-description">{c.description}</span>}
                    <StateBadge state={c.state} label={c.stateLabel} />
                    <DayBars component={c} days={windowDays(data.updatedAt)} />
                  </li>
                ))}
              </ul>
            )}
        </section>

        <section aria-labelledby="active-heading">
          <h2 id="active-heading">Current incidents</h2>
          {data.active.length === 0
            ? <p class="muted">No incidents right now.</p>
            : data.active.map((incident) => <IncidentArticle incident={incident} level="h3" />)}
        </section>

        <section aria-labelledby="history-heading">
          <h2 id="history-heading">{`Past ${HISTORY_DAYS} days`}</h2>
          {data.history.length === 0 && <p class="muted">{`No incidents in the last ${HISTORY_DAYS} days.`}</p>}
          {data.history.map((day) => (
            <div class="status-day">
              <h3><time dateTime={day.date}>{day.date}</time></h3>
              <ul class="status-history">
                {day.incidents.map((incident) => (
                  <li>
                    <a href={`#incident-${incident.id}`} class="status-history-title">{incident.title}</a>{' '}
                    <span class="badge">{incident.statusLabel}</span>{' '}
                    <span class="muted">
                      {incident.resolvedAt ? <>Resolved <Time at={incident.resolvedAt} /></> : <>Started <Time at={incident.startedAt} /></>}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {data.history.flatMap((d) => d.incidents).filter((i) => i.resolvedAt).length > 0 && (
            <details class="status-resolved">
              <summary>Updates of resolved incidents</summary>
              {data.history.flatMap((d) => d.incidents).filter((i) => i.resolvedAt).map((incident) => <IncidentArticle incident={incident} level="h3" />)}
            </details>
          )}
        </section>

        <p class="muted status-feeds">
          Updated <Time at={data.updatedAt} />. Also as <a href={links.json}>JSON</a> and an <a href={links.atom}>Atom feed</a>.
        </p>
      </div>
    </Layout>
  );
}

/**
 * The component's last 90 days as a row of bars, one a day, coloured by its worst state that day. For
 * screen readers the row is one image whose label says the same in words; each bar has a tooltip.
 */
function DayBars({ component, days }: { component: PublicComponent; days: readonly string[] }) {
  const states = new Map(component.incidentDays.map((d) => [d.date, d.state]));
  const affected = days.filter((d) => states.has(d)).length;
  const label = `${component.name} over the last ${days.length} days: ${affected === 0 ? 'no incidents' : `incidents on ${affected} ${affected === 1 ? 'day' : 'days'}`}`;
  return (
    <div class="status-bars" role="img" aria-label={label}>
      {days.map((date) => {
        const state = states.get(date) ?? 'operational';
        return <span class={`status-bar status-${state}`} title={`${date}: ${COMPONENT_STATE_LABELS[state]}`} />;
      })}
    </div>
  );
}

function IncidentArticle({ incident, level }: { incident: PublicIncident; level: 'h3' }) {
  const Heading = level;
  return (
    <article class="panel status-incident" id={`incident-${incident.id}`} aria-labelledby={`incident-${incident.id}-title`}>
      <Heading id={`incident-${incident.id}-title`}>{incident.title}</Heading>
      <p>
        <span class="badge">{incident.statusLabel}</span>{' '}
        {incident.resolvedAt ? <span class="muted">Resolved <Time at={incident.resolvedAt} /></span> : <StateBadge state={incident.impact} />}
      </p>
      {incident.components.length > 0 && <p class="muted">Affects {incident.components.join(', ')} · started <Time at={incident.startedAt} /></p>}
      <ol class="status-updates" reversed>
        {incident.updates.map((u) => (
          <li>
            <p class="status-update-body">{u.body}</p>
            <p class="muted"><Time at={u.at} /></p>
          </li>
        ))}
      </ol>
    </article>
  );
}
