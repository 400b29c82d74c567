// test/k8s/manifests.spec.ts reads the config class from this path.
export { ReferralConfig } from './config/referral.config';
