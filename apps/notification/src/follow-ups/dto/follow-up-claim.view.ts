import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Who holds a youngster's follow-up now, and which of their tasks moved with the change. */
export class FollowUpClaimView {
  @ApiProperty() youthRef!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The worker (token subject) holding the follow-up; null: it is the team's",
  })
  holder!: string | null;
  @ApiProperty({
    type: [String],
    description: 'The follow-up tasks that moved to the holder or back to the team',
  })
  movedTaskIds!: string[];
}

export class ReassignFollowUpBody {
  @ApiProperty({ description: 'The worker (token subject) of the team who takes the follow-up over' })
  @IsString()
  @Length(1, 200)
  worker!: string;
}
