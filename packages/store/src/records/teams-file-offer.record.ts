import { Column, Entity, PrimaryColumn } from 'typeorm';
import { KEY, OPTIONAL_KEY, OPTIONAL_TIME, TEXT, TIME } from './column-kinds';

/** A document offered on Teams with a file-consent card, until answered (teams-file-offer.repository.ts). */
@Entity({ name: 'teams_file_offers' })
export class TeamsFileOfferRecord {
  @PrimaryColumn({ type: 'varchar', name: 'id' }) id!: string;
  @Column({ ...KEY, name: 'user_id' }) userId!: string;
  @Column({ ...OPTIONAL_KEY, name: 'aad_object_id' }) aadObjectId!: string | null;
  @Column({ ...TEXT, name: 'filename' }) filename!: string;
  @Column({ ...TEXT, name: 'content' }) content!: string;
  @Column({ ...KEY, name: 'state' }) state!: string;
  @Column({ ...TIME, name: 'created_at' }) createdAt!: Date;
  @Column({ ...OPTIONAL_TIME, name: 'claimed_at' }) claimedAt!: Date | null;
}
