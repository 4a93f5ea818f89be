import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Column widths, shared by the entities, the migration and the checks in `AuditLog.append`. */
export const AUDIT_LIMITS = {
  subject: 255,
  role: 64,
  organisation: 255,
  purpose: 64,
  requestId: 255,
  entityType: 64,
  entityKey: 255,
} as const;

/** The `prev_hash` of row 1: there is no row before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One person-level read: who read which records of one entity type, and which fields. Rows are
 * written only by `AuditLog.append`, never changed (database triggers refuse UPDATE and DELETE),
 * and hash-chained: `hash` covers every other column and the previous row's hash.
 */
@Entity('audit_log')
export class AuditEntry {
  /** 1, 2, 3, … with no gaps: given by the library as the previous row's plus one. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /** When the read was recorded: ISO-8601 UTC, e.g. 2024-11-27T10:15:00.000Z. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  /** The caller's token `sub`. */
  @Column({ type: 'varchar', length: AUDIT_LIMITS.subject })
  subject!: string;

  @Column({ type: 'varchar', length: AUDIT_LIMITS.role })
  role!: string;

  @Column({ type: 'varchar', length: AUDIT_LIMITS.organisation })
  organisation!: string;

  /** The purpose the request declared, if any. */
  @Column({ type: 'varchar', length: AUDIT_LIMITS.purpose, nullable: true })
  purpose!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: AUDIT_LIMITS.requestId })
  requestId!: string;

  /** The GraphQL type read, e.g. 'Claimant'. */
  @Column({ name: 'entity_type', type: 'varchar', length: AUDIT_LIMITS.entityType })
  entityType!: string;

  /** The native keys of the records read, e.g. NINOs. */
  @Column({ name: 'entity_keys', type: 'simple-json' })
  entityKeys!: string[];

  /** The names of the fields returned. */
  @Column({ type: 'simple-json' })
  fields!: string[];

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/**
 * One key of one audit row, so "who read this record" is an index lookup. Written in the same
 * transaction as its row, append-only like it, and checked against it by `verifyAuditChain`.
 */
@Entity('audit_log_key')
@Index('ix_audit_log_key_lookup', ['entityType', 'entityKey', 'seq'])
export class AuditEntryKey {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @PrimaryColumn({ name: 'entity_key', type: 'varchar', length: AUDIT_LIMITS.entityKey })
  entityKey!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: AUDIT_LIMITS.entityType })
  entityType!: string;
}

/**
 * The chain head: the last row's seq and hash, moved in the same transaction as each append.
 * It is what shows a deleted last row, which the chain alone cannot. One row, id 1.
 */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}

/** Every audit entity: each subgraph lists these in its DataSource. */
export const AUDIT_ENTITIES = [AuditEntry, AuditEntryKey, AuditHead];
