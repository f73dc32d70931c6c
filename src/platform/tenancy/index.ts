/** Tenancy: a tenant is an administrative division (GB/T 2260 code). */

export { tenants } from './tenancy.tables.ts';
export { createTenant, getTenant, listTenants, syncBuiltinRoles } from './tenants.ts';
