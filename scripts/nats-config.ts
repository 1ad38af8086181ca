/**
 * Writes the nats-server configuration of the cluster (one user per process, permissions from the
 * contract registry) for compose (deploy/nats/nats-server.conf) and the k8s dev overlay
 * (k8s/overlays/dev/nats-config.yaml), or prints it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registry } from '../packages/contracts/src/index.ts';
import { runOperatorCommand } from '../packages/runtime/src/cli/operator-command.ts';
import { natsUsers } from '../packages/runtime/src/security/nats-permissions.ts';
import { natsServerConfig, passwordVariable } from '../packages/runtime/src/security/nats-server-config.ts';
import { natsConfigOutputs } from './lib/nats-config-outputs.ts';

const root = join(import.meta.dirname, '..');
const USAGE = `usage: nats:config [--print] [--tls-dir dir]
  Writes the nats-server configuration, one user per process with the permissions the contract
  registry gives it, to deploy/nats/nats-server.conf (compose) and k8s/overlays/dev/nats-config.yaml.
  Each user's password is read by nats-server from its environment (NATS_PASSWORD_<USER>); each
  process connects with NATS_USER and NATS_PASSWORD.
  --print        print the configuration instead of writing the files
  --tls-dir dir  require TLS from clients, with tls.crt, tls.key and ca.crt from dir (on the server)`;

await runOperatorCommand({
  name: 'nats:config',
  usage: USAGE,
  options: { print: { type: 'boolean' }, 'tls-dir': { type: 'string' } },
  run({ values }) {
    const users = natsUsers(registry);
    const tlsDir = values['tls-dir'] as string | undefined;
    if (values.print) {
      const tls = tlsDir
        ? { certFile: `${tlsDir}/tls.crt`, keyFile: `${tlsDir}/tls.key`, caFile: `${tlsDir}/ca.crt` }
        : undefined;
      process.stdout.write(natsServerConfig(users, tls ? { tls } : {}));
      return 0;
    }
    for (const [file, text] of Object.entries(natsConfigOutputs(users, tlsDir))) {
      writeFileSync(join(root, file), text);
      process.stdout.write(`wrote ${file}\n`);
    }
    process.stdout.write(`users: ${users.map((u) => `${u.user} (${passwordVariable(u.user)})`).join(', ')}\n`);
    return 0;
  },
});
