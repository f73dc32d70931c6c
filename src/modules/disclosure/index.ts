/** 政府信息公开 (information disclosure): requests on application with the 20+20 working-day clock. */
export { DisclosurePermissions } from './disclosure.permissions.ts';
export { DisclosureRequest, REPLY_OUTCOMES } from './disclosure.workflow.ts';
