import { Entity, PrimaryColumn } from 'typeorm';

/**
 * The rooms of an incident, as a lookup table for "which incident is this channel about?". The rooms
 * themselves (with names, URLs, card ids) live in the incident's links; this table only indexes them.
 */
@Entity({ name: 'incident_rooms' })
export class IncidentRoomRecord {
  @PrimaryColumn({ type: 'varchar', name: 'platform' }) platform!: string;
  @PrimaryColumn({ type: 'varchar', name: 'workspace_id' }) workspaceId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'conversation_id' }) conversationId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'incident_id' }) incidentId!: string;
}
