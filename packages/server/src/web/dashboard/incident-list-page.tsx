import { formatDuration, INCIDENT_STATUSES, type Incident, type MusterSettings } from '@muster/core';
import type { WebSession } from '@muster/store';
import { Layout } from '../layout';
import { When } from '../when';
import { filterQuery, type ListFilterValues } from './list-filters';
import type { VisiblePage } from './visible-incidents';

export interface IncidentListProps {
  readonly session: WebSession;
  readonly csrf: string;
  readonly settings: MusterSettings;
  readonly values: ListFilterValues;
  readonly errors: readonly string[];
  readonly page?: VisiblePage;
  /** Whether any filter narrows the list (changes what an empty list should say). */
  readonly filtered: boolean;
  readonly now: Date;
}

/** `GET /`: the filter form (a GET form: works without script, the URL can be shared), the table and the pager. */
export function IncidentListPage({ session, csrf, settings, values, errors, page, filtered, now }: IncidentListProps) {
  return (
    <Layout title="Incidents" session={session} csrf={csrf} area="incidents" scripts={['incident-list.js']}>
      <h1>Incidents</h1>
      <Filters values={values} settings={settings} />
      {errors.length > 0 && (
        <div class="flash error" role="alert">
          <p>Some filters could not be used, so nothing is listed:</p>
          <ul>{errors.map((e) => <li>{e}</li>)}</ul>
        </div>
      )}
      {page && page.incidents.length === 0 && <Empty filtered={filtered} paged={!!(page.newer || page.older)} />}
      {page && page.incidents.length > 0 && <IncidentTable incidents={page.incidents} now={now} />}
      {page && (page.newer || page.older) && (
        <nav class="pager" aria-label="Pages">
          {page.newer ? <a href={`/${filterQuery(values, page.newer)}`} rel="prev">← Newer</a> : <span />}
          {page.older ? <a href={`/${filterQuery(values, page.older)}`} rel="next">Older →</a> : <span />}
        </nav>
      )}
      <p class="muted keyboard-hint">Keys: <kbd>j</kbd>/<kbd>k</kbd> or arrows move through the list, <kbd>Enter</kbd> opens, <kbd>/</kbd> searches.</p>
    </Layout>
  );
}

function Filters({ values, settings }: { values: ListFilterValues; settings: MusterSettings }) {
  return (
    <form method="get" action="/" class="filters panel" role="search" aria-label="Filter incidents">
      <div>
        <label for="f-q">Search</label>
        <input id="f-q" name="q" type="search" value={values.q} placeholder="INC-42, title or summary" maxLength={200} data-search-filter="" />
      </div>
      <div>
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          <option value="open" selected={values.status === 'open'}>Open (not closed or declined)</option>
          <option value="all" selected={values.status === 'all'}>All</option>
          {INCIDENT_STATUSES.map((s) => <option value={s} selected={values.status === s}>{s}</option>)}
        </select>
      </div>
      <div>
        <label for="f-severity">Severity</label>
        <select id="f-severity" name="severity">
          <option value="" selected={!values.severity}>Any</option>
          {settings.severities.ids().map((id) => <option value={id} selected={values.severity.toUpperCase() === id.toUpperCase()}>{id}</option>)}
        </select>
      </div>
      <div>
        <label for="f-service">Service</label>
        <input id="f-service" name="service" value={values.service} maxLength={100} />
      </div>
      <div>
        <label for="f-from">Declared from (UTC)</label>
        <input id="f-from" name="from" type="date" value={values.from} />
      </div>
      <div>
        <label for="f-to">Declared to (UTC)</label>
        <input id="f-to" name="to" type="date" value={values.to} />
      </div>
      <div>
        <button type="submit">Filter</button> <a href="/" class="button secondary">Clear</a>
      </div>
    </form>
  );
}

function Empty({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  if (paged) return <p class="panel">No more incidents on this page. Use the links below to page back.</p>;
  if (filtered) return <p class="panel">No incidents match these filters. <a href="/">Clear the filters</a> or widen them (status "All" includes closed ones).</p>;
  return <p class="panel">No incidents yet. Declare one from chat: <code>/incident declare &lt;title&gt;</code>.</p>;
}

function IncidentTable({ incidents, now }: { incidents: readonly Incident[]; now: Date }) {
  return (
    <table class="responsive incident-list">
      <caption class="visually-hidden">Incidents, newest first</caption>
      <thead>
        <tr><th scope="col">Reference</th><th scope="col">Title</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Services</th><th scope="col">Commander</th><th scope="col">Declared</th><th scope="col">Duration</th></tr>
      </thead>
      <tbody>{incidents.map((i) => <Row incident={i} now={now} />)}</tbody>
    </table>
  );
}

function Row({ incident, now }: { incident: Incident; now: Date }) {
  const s = incident.snapshot();
  const commander = incident.holdersOf('commander').map((p) => p.name ?? p.id).join(', ');
  const declared = s.milestones.declared ?? s.createdAt;
  const end = s.milestones.resolved ?? s.milestones.closed;
  return (
    <tr data-incident-row="">
      <td data-label="Reference"><a href={`/incidents/${incident.reference}`} class="incident-link">{incident.reference}</a>{s.private && <span class="badge">private</span>}</td>
      <td data-label="Title">{s.title}</td>
      <td data-label="Severity"><span class={`badge sev-${s.severity}`}>{s.severity}</span></td>
      <td data-label="Status">{s.status}</td>
      <td data-label="Services">{s.services.join(', ') || <span class="muted">—</span>}</td>
      <td data-label="Commander">{commander || <span class="muted">none</span>}</td>
      <td data-label="Declared"><When at={declared} now={now} /></td>
      <td data-label="Duration">{end ? `lasted ${formatDuration(end.getTime() - declared.getTime())}` : `open for ${formatDuration(now.getTime() - declared.getTime())}`}</td>
    </tr>
  );
}
