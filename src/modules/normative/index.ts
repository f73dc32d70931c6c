/** 行政规范性文件 (administrative normative documents): drafting to filing, search, cleanup. */
export { NormativePermissions } from './normative.permissions.ts';
