import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What we heard of an activity on samenspel.activity.v1: enough to know where a freed seat is. */
@Entity('known_activity')
export class KnownActivity {
  @PrimaryColumn({ name: 'activity_id', type: 'text' }) activityId!: string;
  @Column({ name: 'team_id', type: 'text' }) teamId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'municipality_code', type: 'text' }) municipalityCode!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
