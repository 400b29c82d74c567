import { readFileSync } from 'node:fs';

/** How the services reach the brokers: TLS and SASL/SCRAM, both off by default (a local broker). */
export interface KafkaTransportSettings {
  /** TLS with the system CAs; implied when a CA, certificate or key file is given. */
  ssl?: boolean;
  sslCaFile?: string;
  /** A client certificate and key, for brokers that authenticate clients by mTLS. */
  sslCertFile?: string;
  sslKeyFile?: string;
  saslMechanism?: KafkaSaslMechanism;
  saslUsername?: string;
  saslPassword?: string;
}

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The connection options of the Kafka client, in kafkajs's shape. */
export interface KafkaConnectionOptions {
  ssl?: boolean | { rejectUnauthorized: true; ca?: string[]; cert?: string; key?: string };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

/** Turns the transport settings into client options, reading the PEM files once. */
export function kafkaConnectionOptions(
  settings: KafkaTransportSettings,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): KafkaConnectionOptions {
  const options: KafkaConnectionOptions = {};
  const files = settings.sslCaFile || settings.sslCertFile || settings.sslKeyFile;
  if (files) {
    options.ssl = {
      // Never switched off: a broker whose certificate does not verify is not our broker.
      rejectUnauthorized: true,
      ...(settings.sslCaFile && { ca: [readFile(settings.sslCaFile)] }),
      ...(settings.sslCertFile && { cert: readFile(settings.sslCertFile) }),
      ...(settings.sslKeyFile && { key: readFile(settings.sslKeyFile) }),
    };
  } else if (settings.ssl) {
    options.ssl = true;
  }
  if (settings.saslMechanism) {
    if (!settings.saslUsername || !settings.saslPassword) {
      throw new Error('SASL needs a username and a password');
    }
    options.sasl = {
      mechanism: settings.saslMechanism,
      username: settings.saslUsername,
      password: settings.saslPassword,
    };
  }
  return options;
}
