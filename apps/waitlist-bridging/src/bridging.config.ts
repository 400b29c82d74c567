// test/k8s/manifests.spec.ts reads the config class from this path; it lives in config/.
export { BRIDGING_CONFIG, BridgingConfig } from './config/bridging.config';
