export {
  AUDIT_ENTITIES,
  AUDIT_LIMITS,
  AuditEntry,
  AuditEntryKey,
  AuditHead,
  GENESIS_HASH,
} from './audit-entry.entity';
export { AuditError, AuditLog, type AuditRead } from './audit-log';
export { auditHash, canonicalAuditRow } from './hash';
export { createAuditTables, dropAuditTables } from './migration';
export {
  type AuditChainProblem,
  type AuditVerification,
  type VerifyOptions,
  verifyAuditChain,
} from './verify';
