import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model of a youth-work team from the activity service: who serves which municipalities. */
@Entity({ name: 'team' })
export class TeamEntity {
  @PrimaryColumn({ name: 'team_id', type: 'text' })
  teamId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  organisation!: string;

  @Column({ name: 'municipality_codes', type: 'text', array: true })
  municipalityCodes!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
