/**
 * Real key formats (documented example values or random values of the same shape) that must be
 * replaced, each with a fragment that must not survive, and ordinary incident chatter that must come
 * through unchanged. Shared by the redaction specs and the integration suite that checks what the
 * fake OpenAI server received. Git SHAs, digests, trace ids and UUIDs are chatter: kept, unless a
 * credential word stands before them.
 */
export const SECRET_CORPUS: readonly [string, string, string][] = [
  ['AWS access key id', 'creds AKIAIOSFODNN7EXAMPLE here', 'AKIAIOSFODNN7EXAMPLE'],
  ['AWS secret after the word "secret"', 'AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
  ['AWS secret on its own', 'try wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY again', 'wJalrXUtnFEMI'],
  ['AWS secret in a credentials file', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
  ['GitHub classic token', 'GH_TOKEN ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_16C7e42F'],
  ['GitHub fine-grained token', 'github_pat_11AAAAAAA0abcdefghijkl_mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'github_pat_11'],
  ['Slack bot token', 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', 'xoxb-'],
  ['Slack user token', 'use xoxp-4956821360-4956821361-4989342133-1f6f7d6ba3b2c0c1 please', 'xoxp-'],
  ['Stripe live secret key', 'STRIPE_KEY sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39'],
  ['Stripe restricted key', 'rk_live_51H8xYzAbCdEfGhIjKlMnOpQr', 'rk_live_51H8'],
  ['Stripe webhook secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_'],
  ['Google API key', 'maps key AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI', 'AIzaSy'],
  ['JWT', 'Authorization eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'eyJhbGci'],
  ['PEM private key block', 'key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----', 'b3BlbnNzaC1'],
  ['PKCS8 private key block', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----', 'MIIEvQIBADAN'],
  ['basic-auth URL', 'curl https://admin:S3cr3tPass@grafana.example.com/api', 'S3cr3tPass'],
  ['Redis URL with password only', 'redis://:p4ssw0rd123@cache.internal:6379/0', 'p4ssw0rd123'],
  ['Azure storage connection string', 'DefaultEndpointsProtocol=https;AccountName=musterprod;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net', 'Eby8vdM02'],
  ['Azure Service Bus connection string', 'Endpoint=sb://muster.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=7Zm3sHqXy0YvQ1nW8rT2uP5kL9jF4dC6bA0eG3hI1oM=', '7Zm3sHqXy0'],
  ['Azure SAS URL', 'https://muster.blob.core.windows.net/logs/app.log?sv=2022-11-02&se=2026-01-01&sr=b&sp=r&sig=Xy7%2BQ9kLm3nP2qR8sT1uV4wX6yZ0aB5cD', 'Xy7%2BQ9k'],
  ['S3 presigned URL', 'https://bucket.s3.amazonaws.com/dump.sql?X-Amz-Credential=AKIA/20260101/us-east-1/s3/aws4_request&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024', 'fe5f80f77d5'],
  ['generic password=', 'DB_PASSWORD=Tr0ub4dor&3 in the env', 'Tr0ub4dor'],
  ['password is ...', 'the staging password is hunter2 btw', 'hunter2'],
  ['passwd: in YAML', 'passwd: Zx9!qW3e', 'Zx9!qW3e'],
  ['token in prose', 'here is the token 8c2f1e9a7b3d4c5e6f708192a3b4c5d6', '8c2f1e9a7b3d'],
  ['api key in prose', 'our api key is 9f8e7d6c5b4a3f2e1d0c', '9f8e7d6c5b4a'],
  ['UUID used as an api key', 'api key 7c9e6679-7425-40de-944b-e07fc1f90ae7', '7c9e6679'],
  ['credential value after "credentials"', 'credentials svc_muster:Qm9vbTEyMw', 'Qm9vbTEyMw'],
  ['key with key material after it', 'the signing key Kq7Vn2Rb9Tx4Wm1Zp8Ls5Yd3', 'Kq7Vn2Rb9Tx4'],
  ['base64 secret from kubectl', 'data: cGFzc3dvcmQ6IGh1bnRlcjJodW50ZXIySHVudGVyMg==', 'cGFzc3dvcmQ6'],
];

export const CHATTER_CORPUS: readonly string[] = [
  'payments-api p99 is 4500ms, error rate 2.5% since 09:55',
  'Seeing 30% auth declines from Adyen on checkout-api',
  'Rolled back payments-api to v2.14.0',
  'db-eu-3.prod.internal replica lag 40s; primary is db-eu-1.prod.internal',
  'pod payments-api-7d9f8b6c4-x8k2l OOMKilled, restarted 3 times',
  'java.net.SocketTimeoutException: Read timed out at com.example.payments.GatewayClient.call(GatewayClient.java:142)',
  'HTTP2ConnectionResetByPeer404 in the logs again',
  'OrderServiceV2ConnectionPool exhausted (max 200)',
  'ERR_CONNECTION_REFUSED from the edge, 502 Bad Gateway on /api/v1/Customers/42/Orders',
  'deployed commit 3f9c2ab, full sha 3f9c2ab7e1d04c5b8a6f9e2d1c0b7a6f5e4d3c2b',
  'image sha256:9b2f6c1e8a7d3f4b5c6a7e8d9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a',
  'trace id 4bf92f3577b34da6a3ce929d0e0e4736, span 00f067aa0ba902b7',
  'incident id 123e4567-e89b-12d3-a456-426614174000 in the API',
  'the token: expired, password reset flow is broken',
  'token expired at 10:32 for every EU session',
  'the key metric is p99, the secret rotation job is at 03:00',
  'api key rotation is scheduled for tomorrow',
  'secret manager is healthy, credentials are fine',
  'password reset emails are delayed by 20 minutes',
  'tokens 4500 per request on average',
  'dashboard https://grafana.example.com/d/payments-overview/payments?orgId=1&from=now-1h',
  'kubectl -n payments rollout undo deployment/payments-api',
  'ReadTimeoutException2025Retry is the new alert name',
  'CheckoutApiDeploymentV2142 is the failing rollout',
  'the Adyen webhook returns 401 Unauthorized since 10:05 UTC',
  'scaled checkout-api from 12 to 24 replicas; CPU at 85%',
];

