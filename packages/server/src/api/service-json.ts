import { contactKey, isEmailContact, type Service, type ServiceContact } from '@muster/core';

/** A contact as muster.yaml and the REST body spell it: `slack:U0123` or the email address. */
const contactText = (c: ServiceContact): string => (isEmailContact(c) ? c.email : contactKey(c));

/** A catalogue entry over REST, in the field names of muster.yaml's `services:`, with its name and where it came from. */
export function serviceJson(service: Service) {
  return {
    name: service.name,
    description: service.description,
    owners: service.owners.map(contactText),
    smes: service.subjectMatterExperts.map(contactText),
    runbooks: service.runbooks.map((l) => ({ title: l.title, url: l.url })),
    runbookFile: service.runbookFile ?? null,
    integrations: { ...service.integrations },
    public: service.public,
    origin: service.origin,
  };
}
