import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { MusterError, TOKENS, type Repositories, type UnitOfWork } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { Problems } from '../config/problems';
import type { ServerConfig } from '../config/server-config';
import { serviceDefinition, whereRunbookFileIs } from '../config/service-definitions';
import { SERVICE_BODY, SERVICE_NAME } from '../config/services-section';
import { addZodIssues } from '../config/zod-problems';
import { SERVER_TOKENS } from '../container/server-tokens';
import { badRequest, HttpError } from '../http/http-error';
import { json } from '../http/response';
import type { Router } from '../http/router';
import { API_PREFIX, apiRouting } from './api-routing';
import { serviceJson } from './service-json';

type ServiceBody = ReturnType<typeof SERVICE_BODY.parse>;

/**
 * The service catalogue over REST, always in the token's tenant (another tenant's service is a 404):
 * reads need `read`, writes `admin`. An entry muster.yaml defines is changed in the file, not here
 * (409): the file would put it back at the next start.
 */
export function registerServiceRoutes(router: Router, container: Container): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const config = container.get<ServerConfig>(SERVER_TOKENS.Config);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const uow = container.get<UnitOfWork>(TOKENS.UnitOfWork);
  const { authed, write, withScope } = apiRouting(store);
  const path = `${API_PREFIX}/services/:name`;

  router.get(`${API_PREFIX}/services`, authed(async (_r, caller) => json(200, { services: (await repos.services.list(caller.tenantId)).map(serviceJson) })));

  router.get(path, authed(async (r, caller) => {
    const service = await repos.services.findByName(caller.tenantId, nameOf(r.params.name));
    if (!service) throw noSuchService(r.params.name);
    return json(200, serviceJson(service));
  }));

  router.put(path, write((body) => readServiceBody(body, config.configFile), async (r, caller, body) => {
    const name = nameOf(r.params.name);
    const { created, service } = await uow.run(async (tx) => {
      const existing = await tx.services.findByName(caller.tenantId, name);
      if (existing?.origin === 'config') throw definedInFile(existing.name);
      // A replacement keeps its id and the name's spelling given now (`Checkout` may become `checkout`).
      const saved = { ...serviceDefinition(name, body, caller.tenantId), id: existing?.id ?? randomUUID(), origin: 'api' as const };
      await tx.services.save(saved);
      return { created: !existing, service: saved };
    });
    return json(created ? 201 : 200, serviceJson(service), created ? { location: `${API_PREFIX}/services/${encodeURIComponent(service.name)}` } : {});
  }, 'admin'));

  router.delete(path, withScope('admin', async (r, caller) => {
    const name = nameOf(r.params.name);
    await uow.run(async (tx) => {
      const existing = await tx.services.findByName(caller.tenantId, name);
      if (!existing) throw noSuchService(name);
      if (existing.origin === 'config') throw definedInFile(existing.name);
      await tx.services.remove(caller.tenantId, name);
    });
    return { status: 204 };
  }));
}

function nameOf(raw: string): string {
  if (!SERVICE_NAME.test(raw)) throw badRequest('A service name is letters, digits, ".", "_" or "-" (at most 100), starting with a letter or digit.', 'validation_failed');
  return raw;
}

/** The same checks as muster.yaml's `services:` entries, every problem named by its field. */
function readServiceBody(body: Record<string, unknown>, configFile: string | undefined): ServiceBody {
  const result = SERVICE_BODY.safeParse(body);
  if (!result.success) {
    const problems = new Problems('');
    addZodIssues(problems, '', result.error, body, SERVICE_BODY);
    throw badRequest(`The service is not valid: ${problems.list.slice(0, 10).join('; ')}.`, 'validation_failed');
  }
  const file = result.data.runbookFile;
  if (file && configFile && whereRunbookFileIs(file, dirname(configFile)) === 'outside') {
    throw badRequest(`runbookFile leads out of muster.yaml's directory (through a symbolic link): keep runbooks inside it.`, 'validation_failed');
  }
  return result.data;
}

const noSuchService = (name: string) => new MusterError('not_found', `There is no service "${name.slice(0, 100)}" in this tenant's catalogue; GET /api/v1/services lists them.`);

const definedInFile = (name: string) => new HttpError('defined_in_config', `The service "${name}" is defined in muster.yaml; change it there (the file is loaded at every start).`);
