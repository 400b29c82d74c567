// test/k8s/manifests.spec.ts reads the config class from this path.
export { NotificationConfig } from './config/notification.config';
