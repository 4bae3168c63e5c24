import { createPrivateKey, type KeyObject } from 'node:crypto';
import { PluginConfigError } from '@muster/plugin-sdk';

export interface ServiceAccount {
  readonly clientEmail: string;
  readonly privateKey: KeyObject;
  readonly privateKeyId?: string;
  /** The JWT's `aud`: Google's token URI from the key file. */
  readonly tokenUri: string;
}

const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const PROBLEM = 'MUSTER_PLUGIN_GOOGLE_MEET_SERVICE_ACCOUNT_KEY must be the service account\'s JSON key file';

/**
 * Reads the JSON key file Google Cloud gives for a service account. What is wrong is named by the
 * field, never by quoting the file: it holds the private key.
 */
export function parseServiceAccount(json: string): ServiceAccount {
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new PluginConfigError(`${PROBLEM} (it is not JSON)`, 'SERVICE_ACCOUNT_KEY');
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw new PluginConfigError(`${PROBLEM} (it is not a JSON object)`, 'SERVICE_ACCOUNT_KEY');
  if (key.type !== undefined && key.type !== 'service_account') throw new PluginConfigError(`${PROBLEM} (its type is not service_account)`, 'SERVICE_ACCOUNT_KEY');
  const clientEmail = key.client_email;
  if (typeof clientEmail !== 'string' || !/^[^\s@]{1,200}@[^\s@]{1,200}$/.test(clientEmail)) throw new PluginConfigError(`${PROBLEM} (client_email is missing)`, 'SERVICE_ACCOUNT_KEY');
  if (typeof key.private_key !== 'string') throw new PluginConfigError(`${PROBLEM} (private_key is missing)`, 'SERVICE_ACCOUNT_KEY');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: key.private_key, format: 'pem' });
  } catch {
    throw new PluginConfigError(`${PROBLEM} (private_key is not a PEM private key)`, 'SERVICE_ACCOUNT_KEY');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new PluginConfigError(`${PROBLEM} (private_key is not an RSA key)`, 'SERVICE_ACCOUNT_KEY');
  const tokenUri = typeof key.token_uri === 'string' && /^https?:\/\//.test(key.token_uri) ? key.token_uri : GOOGLE_TOKEN_URI;
  const privateKeyId = typeof key.private_key_id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(key.private_key_id) ? key.private_key_id : undefined;
  return { clientEmail, privateKey, privateKeyId, tokenUri };
}
