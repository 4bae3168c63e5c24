import { PluginHttpError, safeUrl, type BearerSession } from '@muster/plugin-sdk';

/** A Meet space as Muster keeps it: its resource name (`spaces/jQCFfuBOdN5z`) and join link. */
export interface MeetSpace {
  readonly name: string;
  readonly meetingUri: string;
}

const SPACE_NAME = /^spaces\/[A-Za-z0-9_-]{1,128}$/;

/** The Meet REST API's spaces as Muster uses them; every answer checked before it is trusted. */
export class MeetSpaces {
  constructor(private readonly session: BearerSession, private readonly apiUrl: string) {}

  /** `POST /spaces`: a new space, joinable at its `meetingUri`. */
  async create(accessType: string | undefined): Promise<MeetSpace> {
    const answer = await this.session.request({ method: 'POST', url: `${this.base()}/spaces`, json: accessType ? { config: { accessType } } : {} });
    const space = spaceOf(answer.json<{ name?: unknown; meetingUri?: unknown }>());
    if (!space) throw new PluginHttpError('Google Meet created a space but answered without a usable name and https meetingUri', answer.status);
    return space;
  }

  /** `POST /{name}:endActiveConference`; a space with no conference going on (or gone) has nothing to end. */
  async endActiveConference(name: string): Promise<void> {
    if (!SPACE_NAME.test(name)) throw new PluginHttpError(`Not a Meet space name: ${name.slice(0, 40)}`, undefined);
    try {
      await this.session.request({ method: 'POST', url: `${this.base()}/${name}:endActiveConference`, json: {} });
    } catch (error) {
      if (error instanceof PluginHttpError && (error.status === 404 || googleStatusOf(error.body) === 'FAILED_PRECONDITION')) return;
      throw error;
    }
  }

  private base(): string {
    return this.apiUrl.replace(/\/+$/, '');
  }
}

/** A space Muster can link, else undefined. */
export function spaceOf(value: { name?: unknown; meetingUri?: unknown } | undefined): MeetSpace | undefined {
  const name = typeof value?.name === 'string' && SPACE_NAME.test(value.name) ? value.name : undefined;
  const meetingUri = safeUrl(value?.meetingUri);
  if (!name || !meetingUri?.startsWith('https://')) return undefined;
  return { name, meetingUri };
}

/** `error.status` of a Google error body (`FAILED_PRECONDITION`). */
function googleStatusOf(body: string | undefined): string | undefined {
  try {
    const status = (JSON.parse(body ?? '') as { error?: { status?: unknown } }).error?.status;
    return typeof status === 'string' ? status : undefined;
  } catch {
    return undefined;
  }
}
