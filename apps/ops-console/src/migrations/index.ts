import { OpsConsoleSchema1766880000000 } from './1766880000000-ops-console-schema';

export const OpsSchema = [OpsConsoleSchema1766880000000];
