import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TEXT, TIME } from './column-kinds';

/** One key of a plugin installation's own storage (ctx.storage); the value is JSON text. */
@Entity({ name: 'plugin_storage' })
export class PluginStorageRecord {
  @PrimaryColumn({ type: 'varchar', name: 'plugin_id' }) pluginId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'installation_id' }) installationId!: string;
  @PrimaryColumn({ type: 'varchar', name: 'storage_key' }) key!: string;
  @Column({ ...TEXT, name: 'value' }) value!: string;
  @Column({ ...TIME, name: 'updated_at' }) updatedAt!: Date;
}
